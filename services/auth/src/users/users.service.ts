import { randomUUID } from 'node:crypto';
import type { MyProfile } from '@carebridge/contracts';
import { type Caller, isUniqueViolation, ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { ErasureService } from '../erasure/erasure.service.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { DeleteMeDto } from './dto/delete-me.dto.js';
import type { SignupDto } from './dto/signup.dto.js';
import type { UpdateMeDto } from './dto/update-me.dto.js';
import { isReservedNickname, nicknameKey, normalizeEmail, toMyProfile } from './profile.js';
import { User } from './user.entity.js';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly erasure: ErasureService,
  ) {}

  async signup(dto: SignupDto, role: User['role'] = 'member'): Promise<MyProfile> {
    const email = normalizeEmail(dto.email);
    if (dto.password.trim().toLowerCase() === email) {
      throw ProblemException.validation([{ field: 'password', message: 'must not be your email address' }]);
    }
    this.assertNicknameAllowed(dto.nickname);
    await this.assertAvailable({ email, nickname: dto.nickname });
    const now = new Date();
    const user = this.users.create({
      id: randomUUID(),
      email,
      emailVerifiedAt: null,
      passwordHash: await this.passwords.hash(dto.password),
      nickname: dto.nickname,
      nicknameKey: nicknameKey(dto.nickname),
      hospitalId: dto.hospitalId ?? null,
      jobCategory: dto.jobCategory ?? null,
      role,
      insiderVerified: false,
      createdAt: now,
      updatedAt: now,
    });
    await this.saveOrConflict(this.users.manager, user);
    return toMyProfile(user);
  }

  async profile(caller: Caller): Promise<MyProfile> {
    return toMyProfile(await this.callerAccount(caller));
  }

  async updateMe(caller: Caller, dto: UpdateMeDto, currentRefreshToken: string | undefined): Promise<MyProfile> {
    const user = await this.callerAccount(caller);
    let passwordChanged = false;
    if (dto.newPassword !== undefined) {
      if (!dto.currentPassword) {
        throw ProblemException.validation([
          { field: 'currentPassword', message: 'is required to change the password' },
        ]);
      }
      if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
        throw ProblemException.validation(
          [{ field: 'currentPassword', message: 'is not your current password' }],
          'AUTH.CURRENT_PASSWORD_INCORRECT',
        );
      }
      if (dto.newPassword.trim().toLowerCase() === user.email) {
        throw ProblemException.validation([{ field: 'newPassword', message: 'must not be your email address' }]);
      }
      user.passwordHash = await this.passwords.hash(dto.newPassword);
      passwordChanged = true;
    }
    if (dto.nickname !== undefined && dto.nickname !== user.nickname) {
      this.assertNicknameAllowed(dto.nickname);
      await this.assertAvailable({ nickname: dto.nickname, exceptId: user.id });
      user.nickname = dto.nickname;
      user.nicknameKey = nicknameKey(dto.nickname);
    }
    if (dto.hospitalId !== undefined && dto.hospitalId !== user.hospitalId) {
      user.hospitalId = dto.hospitalId;
      user.insiderVerified = false;
    }
    if (dto.jobCategory !== undefined) user.jobCategory = dto.jobCategory;
    user.updatedAt = new Date();
    await this.dataSource.transaction(async (manager) => {
      await this.saveOrConflict(manager, user);
      if (passwordChanged) await this.sessions.revokeOtherSessions(manager, user.id, currentRefreshToken);
    });
    return toMyProfile(user);
  }

  /**
   * Removes the account and everything personal tied to it (sessions, codes, pending mail), and
   * tells the services holding its posts and reviews to show them as a withdrawn member's.
   */
  async deleteMe(caller: Caller, dto: DeleteMeDto): Promise<void> {
    const user = await this.callerAccount(caller);
    if (!(await this.passwords.verify(user.passwordHash, dto.password))) {
      throw ProblemException.validation(
        [{ field: 'password', message: 'is not your current password' }],
        'AUTH.PASSWORD_INCORRECT',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.delete('mail_outbox', { recipient: user.email });
      await manager.delete('login_throttle', { key: `account:${user.email}` });
      await manager.delete(User, { id: user.id });
      await this.erasure.enqueue(manager, user.id);
    });
    this.erasure.kick();
  }

  async callerAccount(caller: Caller): Promise<User> {
    const user = await this.users.findOneBy({ id: caller.sub });
    if (!user) throw ProblemException.unauthorized('AUTH.ACCOUNT_GONE', 'This account no longer exists.');
    return user;
  }

  private assertNicknameAllowed(nickname: string): void {
    if (isReservedNickname(nickname)) {
      throw ProblemException.validation(
        [{ field: 'nickname', message: 'is reserved; choose another' }],
        'AUTH.NICKNAME_RESERVED',
      );
    }
  }

  private async assertAvailable(wanted: { email?: string; nickname?: string; exceptId?: string }): Promise<void> {
    if (wanted.email && (await this.users.existsBy({ email: wanted.email }))) {
      throw ProblemException.conflict('AUTH.EMAIL_TAKEN', 'An account with this email already exists.', 'email');
    }
    if (wanted.nickname) {
      const holder = await this.users.findOne({
        where: { nicknameKey: nicknameKey(wanted.nickname) },
        select: { id: true },
      });
      if (holder && holder.id !== wanted.exceptId) {
        throw ProblemException.conflict('AUTH.NICKNAME_TAKEN', 'This nickname is already taken.', 'nickname');
      }
    }
  }

  /** Saves, turning a unique-index race lost to a concurrent request into the same 409 as the pre-check. */
  private async saveOrConflict(manager: EntityManager, user: User): Promise<void> {
    try {
      await manager.save(User, user);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.assertAvailable({ email: user.email, nickname: user.nickname, exceptId: user.id });
      throw ProblemException.conflict('AUTH.ACCOUNT_CONFLICT', 'This email or nickname was just taken.');
    }
  }
}
