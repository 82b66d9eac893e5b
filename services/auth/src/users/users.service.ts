import { randomUUID } from 'node:crypto';
import type { MyProfile, SignupAccepted } from '@carebridge/contracts';
import { type Caller, isUniqueViolation, ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { removeWorkEmailMail } from '../affiliation/affiliation-request.entity.js';
import { AuthConfig } from '../config.js';
import { EmailVerificationService } from '../email-verification/email-verification.service.js';
import { ErasureService } from '../erasure/erasure.service.js';
import { OutboxService } from '../mail/outbox.service.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { RevocationPublisher } from '../revocations/revocation-publisher.js';
import { LoginThrottleService } from '../sessions/login-throttle.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { ThrottleStore } from '../throttle/throttle-store.js';
import { callerAccount } from './caller-account.js';
import type { DeleteMeDto } from './dto/delete-me.dto.js';
import type { SignupDto } from './dto/signup.dto.js';
import type { UpdateMeDto } from './dto/update-me.dto.js';
import { NicknamesService } from './nicknames.service.js';
import { maskEmail, normalizeEmail, toMyProfile } from './profile.js';
import { User } from './user.entity.js';

const DAY_MS = 24 * 3600 * 1000;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly erasure: ErasureService,
    private readonly nicknames: NicknamesService,
    private readonly verification: EmailVerificationService,
    private readonly outbox: OutboxService,
    private readonly revocations: RevocationPublisher,
    private readonly throttle: ThrottleStore,
    private readonly loginThrottle: LoginThrottleService,
    private readonly config: AuthConfig,
  ) {}

  /**
   * Public sign-up. The answer is the same whether or not the email already has an account (the
   * owner is told by mail instead), and the password is hashed either way, so neither the body,
   * the status nor the timing tells a stranger which addresses are registered.
   */
  async signup(dto: SignupDto, address: string): Promise<SignupAccepted> {
    const now = new Date();
    await this.throttle.take(
      `signup:${address}`,
      this.config.SIGNUP_MAX_PER_ADDRESS,
      this.config.SIGNUP_WINDOW_SECONDS,
      now,
      {
        key: 'AUTH.SIGNUP_THROTTLED',
        detail: 'Too many sign-ups from this address. Try again later.',
      },
    );
    const email = normalizeEmail(dto.email);
    const accepted: SignupAccepted = { status: 'pending-verification', sentTo: maskEmail(email) };
    this.assertPasswordIsNotEmail(dto.password, email, 'password');
    const nickname = await this.nicknames.choose(dto.nickname, undefined, now);
    const passwordHash = await this.passwords.hash(dto.password);
    if (await this.users.existsBy({ email })) {
      await this.warnOwner(email);
      return accepted;
    }
    const user = this.newUser(dto, email, passwordHash, nickname, 'member', now);
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(User, user);
        await this.verification.issue(manager, user, now);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (await this.users.existsBy({ email })) {
        await this.warnOwner(email);
        return accepted;
      }
      throw ProblemException.conflict('AUTH.NICKNAME_TAKEN', 'This nickname was just taken.', 'nickname');
    }
    this.outbox.kick();
    return accepted;
  }

  /** An account made by an operator (the admin CLI): the operator vouches for the address. */
  async createVerified(dto: SignupDto, role: User['role']): Promise<MyProfile> {
    const email = normalizeEmail(dto.email);
    this.assertPasswordIsNotEmail(dto.password, email, 'password');
    const now = new Date();
    const nickname = await this.nicknames.choose(dto.nickname, undefined, now, role === 'admin');
    const user = this.newUser(dto, email, await this.passwords.hash(dto.password), nickname, role, now);
    user.emailVerifiedAt = now;
    try {
      await this.users.insert(user);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw ProblemException.conflict('AUTH.ACCOUNT_CONFLICT', 'This email or nickname is taken.');
    }
    return toMyProfile(user);
  }

  async profile(caller: Caller): Promise<MyProfile> {
    return toMyProfile(await this.callerAccount(caller));
  }

  async updateMe(caller: Caller, dto: UpdateMeDto, currentRefreshToken: string | undefined): Promise<MyProfile> {
    const user = await this.callerAccount(caller);
    const now = new Date();
    let passwordChanged = false;
    let releasedSkeleton: string | undefined;
    let workplaceChanged = false;
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
      this.assertPasswordIsNotEmail(dto.newPassword, user.email, 'newPassword');
      user.passwordHash = await this.passwords.hash(dto.newPassword);
      passwordChanged = true;
    }
    if (dto.nickname !== undefined && dto.nickname !== user.nickname) {
      const chosen = await this.nicknames.choose(dto.nickname, user.id, now);
      if (chosen.skeleton !== user.nicknameKey) releasedSkeleton = user.nicknameKey;
      user.nickname = chosen.display;
      user.nicknameKey = chosen.skeleton;
    }
    if (dto.hospitalId !== undefined && dto.hospitalId !== user.hospitalId) {
      this.assertWorkplaceChangeAllowed(user, now);
      user.hospitalId = dto.hospitalId;
      user.hospitalChangedAt = now;
      user.insiderVerified = false;
      workplaceChanged = true;
    }
    if (dto.jobCategory !== undefined) user.jobCategory = dto.jobCategory;
    user.updatedAt = now;
    await this.dataSource.transaction(async (manager) => {
      await this.saveOrConflict(manager, user);
      if (releasedSkeleton) {
        await this.nicknames.release(manager, releasedSkeleton, user.id, now);
        await this.nicknames.taken(manager, user.nicknameKey);
      }
      if (passwordChanged) await this.sessions.revokeOtherSessions(manager, user.id, currentRefreshToken);
      // Tokens naming the old password, nickname or workplace stop writing; the member's own
      // session goes on with a refreshed token.
      if (passwordChanged || releasedSkeleton || workplaceChanged) await this.revocations.revoke(manager, user.id, now);
    });
    if (passwordChanged || releasedSkeleton || workplaceChanged) this.revocations.kick();
    return toMyProfile(user);
  }

  /**
   * Removes the account and everything personal tied to it (sessions, codes, pending mail), ends
   * the write rights of its tokens everywhere, and tells the services holding its posts and
   * reviews to show them as a withdrawn member's.
   */
  async deleteMe(caller: Caller, dto: DeleteMeDto): Promise<void> {
    const user = await this.callerAccount(caller);
    if (!(await this.passwords.verify(user.passwordHash, dto.password))) {
      throw ProblemException.validation(
        [{ field: 'password', message: 'is not your current password' }],
        'AUTH.PASSWORD_INCORRECT',
      );
    }
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await manager.delete('mail_outbox', { recipient: user.email });
      await removeWorkEmailMail(manager, user.id);
      await manager.delete(User, { id: user.id });
      await this.nicknames.release(manager, user.nicknameKey, null, now);
      await this.nicknames.forgetReleaser(manager, user.id);
      await this.revocations.revoke(manager, user.id, now);
      await this.erasure.enqueue(manager, user.id);
    });
    await this.loginThrottle.forgetAccount(user.email);
    this.revocations.kick();
    this.erasure.kick();
  }

  callerAccount(caller: Caller): Promise<User> {
    return callerAccount(this.users, caller);
  }

  /** Someone tried to open an account with an address that has one: its owner hears of it. */
  private async warnOwner(email: string): Promise<void> {
    await this.outbox.enqueue(this.users.manager, {
      to: email,
      subject: '[Carebridge] 가입 시도 알림 / Someone tried to sign up with your address',
      text:
        '누군가 이 이메일 주소로 Carebridge 가입을 시도했습니다. 이미 계정이 있으니 새 계정은 만들어지지 않았습니다. ' +
        '본인이라면 로그인하거나 비밀번호를 재설정하세요. 본인이 아니라면 이 메일을 무시하세요.\n\n' +
        'Someone tried to sign up to Carebridge with this address. You already have an account, so no new one ' +
        'was made. If it was you, sign in or reset your password; if not, you can ignore this message.',
    });
    this.outbox.kick();
  }

  private newUser(
    dto: SignupDto,
    email: string,
    passwordHash: string,
    nickname: { display: string; skeleton: string },
    role: User['role'],
    now: Date,
  ): User {
    return this.users.create({
      id: randomUUID(),
      email,
      emailVerifiedAt: null,
      passwordHash,
      nickname: nickname.display,
      nicknameKey: nickname.skeleton,
      hospitalId: dto.hospitalId ?? null,
      hospitalChangedAt: null,
      suspendedAt: null,
      jobCategory: dto.jobCategory ?? null,
      role,
      insiderVerified: false,
      createdAt: now,
      updatedAt: now,
    });
  }

  private assertPasswordIsNotEmail(password: string, email: string, field: string): void {
    if (password.trim().toLowerCase() === email) {
      throw ProblemException.validation([{ field, message: 'must not be your email address' }]);
    }
  }

  /** A workplace set at sign-up or changed since counts from then; the first one ever is free. */
  private assertWorkplaceChangeAllowed(user: User, now: Date): void {
    const lastSet = user.hospitalChangedAt ?? (user.hospitalId ? user.createdAt : null);
    if (!lastSet) return;
    const allowedAt = lastSet.getTime() + this.config.WORKPLACE_CHANGE_DAYS * DAY_MS;
    if (allowedAt > now.getTime()) {
      throw ProblemException.tooManyRequests(
        'AUTH.WORKPLACE_CHANGE_TOO_SOON',
        `The workplace can change once every ${this.config.WORKPLACE_CHANGE_DAYS} days.`,
        (allowedAt - now.getTime()) / 1000,
      );
    }
  }

  /** Saves, turning a unique-index race lost to a concurrent request into a 409. */
  private async saveOrConflict(manager: EntityManager, user: User): Promise<void> {
    try {
      await manager.save(User, user);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw ProblemException.conflict('AUTH.NICKNAME_TAKEN', 'This nickname was just taken.', 'nickname');
    }
  }
}
