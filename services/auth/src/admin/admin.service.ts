import type { MyProfile } from '@carebridge/contracts';
import { ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { RevocationPublisher } from '../revocations/revocation-publisher.js';
import { RefreshToken } from '../sessions/refresh-token.entity.js';
import type { SignupDto } from '../users/dto/signup.dto.js';
import { normalizeEmail, toMyProfile } from '../users/profile.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';

@Injectable()
export class AdminService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly accounts: UsersService,
    private readonly dataSource: DataSource,
    private readonly revocations: RevocationPublisher,
  ) {}

  /** Suspends a member: every session ends and their access tokens stop writing everywhere at once. */
  async suspend(userId: string): Promise<MyProfile> {
    const user = await this.member(userId);
    if (user.role === 'admin') {
      throw ProblemException.conflict('AUTH.CANNOT_SUSPEND_ADMIN', 'Admins cannot be suspended here.');
    }
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { suspendedAt: now, updatedAt: now });
      await manager.update(RefreshToken, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now });
      await this.revocations.revoke(manager, user.id, now);
    });
    this.revocations.kick();
    return toMyProfile({ ...user, suspendedAt: now });
  }

  /** Lifts a suspension: the member may sign in again (old tokens stay revoked). */
  async lift(userId: string): Promise<MyProfile> {
    const user = await this.member(userId);
    await this.users.update({ id: user.id }, { suspendedAt: null, updatedAt: new Date() });
    return toMyProfile({ ...user, suspendedAt: null });
  }

  private async member(userId: string): Promise<User> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw ProblemException.notFound('AUTH.USER_NOT_FOUND', 'There is no member with this id.');
    return user;
  }

  /** Creates an admin account, or promotes the existing account with this email. */
  async createOrPromoteAdmin(dto: SignupDto): Promise<{ profile: MyProfile; created: boolean }> {
    const existing = await this.users.findOneBy({ email: normalizeEmail(dto.email) });
    if (!existing) return { profile: await this.accounts.createVerified(dto, 'admin'), created: true };
    existing.role = 'admin';
    existing.emailVerifiedAt ??= new Date();
    existing.updatedAt = new Date();
    await this.users.save(existing);
    return { profile: toMyProfile(existing), created: false };
  }

  /** Marks a member a verified insider of the workplace on their profile. */
  async verifyAffiliation(userId: string): Promise<MyProfile> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw ProblemException.notFound('AUTH.USER_NOT_FOUND', 'There is no member with this id.');
    if (!user.hospitalId) {
      throw ProblemException.conflict('AUTH.NO_WORKPLACE', 'This member has not named a workplace to verify.');
    }
    if (!user.insiderVerified) {
      user.insiderVerified = true;
      user.updatedAt = new Date();
      await this.users.save(user);
    }
    return toMyProfile(user);
  }
}
