import type { MyProfile } from '@carebridge/contracts';
import { type Caller, ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { emailDomain, WorkplaceDomains } from '../affiliation/workplace-domains.js';
import { AuthConfig } from '../config.js';
import { checkCode, codeMail, latestOpenCode, refuseWithinCooldown, replaceOpenCode } from '../mail/one-time-code.js';
import { OutboxService } from '../mail/outbox.service.js';
import { callerAccount } from '../users/caller-account.js';
import { maskEmail, toMyProfile } from '../users/profile.js';
import { User } from '../users/user.entity.js';
import { EmailVerification } from './email-verification.entity.js';

export interface VerificationSent {
  sentTo: string;
  expiresAt: string;
}

@Injectable()
export class EmailVerificationService {
  constructor(
    @InjectRepository(EmailVerification) private readonly verifications: Repository<EmailVerification>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
    private readonly config: AuthConfig,
    private readonly workplaceDomains: WorkplaceDomains,
  ) {}

  /** Sends a fresh code to the account's address; earlier codes stop working. */
  async send(caller: Caller): Promise<VerificationSent> {
    const user = await callerAccount(this.users, caller);
    if (user.emailVerifiedAt) {
      throw ProblemException.conflict('AUTH.EMAIL_ALREADY_VERIFIED', 'This email address is already verified.');
    }
    const now = new Date();
    const latest = await this.verifications.findOne({ where: { userId: user.id }, order: { createdAt: 'DESC' } });
    refuseWithinCooldown(latest?.createdAt, this.config.EMAIL_CODE_RESEND_SECONDS, now);
    const expiresAt = await this.dataSource.transaction((manager) => this.issue(manager, user, now));
    this.outbox.kick();
    return { sentTo: maskEmail(user.email), expiresAt: expiresAt.toISOString() };
  }

  /** A fresh code for the account's address, mailed through the outbox; earlier codes stop working. */
  async issue(manager: EntityManager, user: User, now = new Date()): Promise<Date> {
    const { code, expiresAt, minutes } = await replaceOpenCode(
      manager,
      EmailVerification,
      user.id,
      this.config.EMAIL_CODE_TTL_SECONDS,
      now,
      { email: user.email },
    );
    await this.outbox.enqueue(
      manager,
      codeMail(
        user.email,
        code,
        { ko: '이메일 인증 코드', en: 'verification code' },
        `이 코드는 ${minutes}분 동안 유효합니다. It expires in ${minutes} minutes.`,
      ),
    );
    return expiresAt;
  }

  async verify(caller: Caller, code: string): Promise<MyProfile> {
    const user = await callerAccount(this.users, caller);
    if (user.emailVerifiedAt) return toMyProfile(user);
    const pending = await latestOpenCode(this.verifications, user.id);
    const matched = await checkCode(
      pending && pending.email === user.email ? pending : null,
      code,
      this.config.EMAIL_CODE_MAX_ATTEMPTS,
      (id) => this.verifications.increment({ id }, 'attempts', 1),
    );
    const now = new Date();
    const insider = user.insiderVerified || (await this.worksAtAddressDomain(user));
    await this.dataSource.transaction(async (manager) => {
      await manager.update(EmailVerification, { id: matched.id }, { consumedAt: now });
      await manager.update(User, { id: user.id }, { emailVerifiedAt: now, insiderVerified: insider, updatedAt: now });
    });
    user.emailVerifiedAt = now;
    user.insiderVerified = insider;
    return toMyProfile(user);
  }

  /** A verified work address at a domain the member's hospital registered proves the affiliation. */
  private async worksAtAddressDomain(user: User): Promise<boolean> {
    if (!user.hospitalId) return false;
    return (await this.workplaceDomains.of(user.hospitalId)).includes(emailDomain(user.email));
  }
}
