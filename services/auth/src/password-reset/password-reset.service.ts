import { ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AuthConfig } from '../config.js';
import { codeMail, hashCode, latestOpenCode, replaceOpenCode, sameHash } from '../mail/one-time-code.js';
import { OutboxService } from '../mail/outbox.service.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { RevocationPublisher } from '../revocations/revocation-publisher.js';
import { LoginThrottleService } from '../sessions/login-throttle.service.js';
import { RefreshToken } from '../sessions/refresh-token.entity.js';
import { type Refusal, ThrottleStore } from '../throttle/throttle-store.js';
import { normalizeEmail } from '../users/profile.js';
import { User } from '../users/user.entity.js';
import type { PasswordResetDto } from './password-reset.dto.js';
import { PasswordResetCode } from './password-reset.entity.js';

export interface ResetRequested {
  status: 'accepted';
}

const THROTTLED: Refusal = {
  key: 'AUTH.PASSWORD_RESET_THROTTLED',
  detail: 'Too many password resets. Try again later.',
};
const INVALID_CODE = () =>
  ProblemException.badRequest('AUTH.PASSWORD_RESET_CODE_INVALID', 'The code is wrong, used or expired.', [
    { field: 'code', message: 'is wrong, used or expired; ask for a new one' },
  ]);

/**
 * Password reset by a 6-digit code mailed to the account's address: single use, short-lived,
 * stored hashed, a few attempts each. The request answers the same for any address; a successful
 * reset ends every session and stops the old access tokens writing.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(PasswordResetCode) private readonly codes: Repository<PasswordResetCode>,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly passwords: PasswordHasher,
    private readonly revocations: RevocationPublisher,
    private readonly throttle: ThrottleStore,
    private readonly loginThrottle: LoginThrottleService,
    private readonly config: AuthConfig,
  ) {}

  async request(rawEmail: string, address: string): Promise<ResetRequested> {
    const now = new Date();
    const c = this.config;
    const email = normalizeEmail(rawEmail);
    await this.throttle.take(
      `reset-address:${address}`,
      c.PASSWORD_RESET_MAX_PER_ADDRESS,
      c.PASSWORD_RESET_WINDOW_SECONDS,
      now,
      THROTTLED,
    );
    const user = await this.users.findOneBy({ email });
    if (!user) return { status: 'accepted' };
    // Counted per account only once the account is known, and answered alike: a requester never
    // learns whether the address has an account, nor can they flood its owner's inbox.
    try {
      await this.throttle.take(
        `reset-account:${user.id}`,
        c.PASSWORD_RESET_MAX_PER_ACCOUNT,
        c.PASSWORD_RESET_WINDOW_SECONDS,
        now,
        THROTTLED,
      );
    } catch {
      return { status: 'accepted' };
    }
    await this.dataSource.transaction(async (manager) => {
      const { code, minutes } = await replaceOpenCode(
        manager,
        PasswordResetCode,
        user.id,
        c.PASSWORD_RESET_CODE_TTL_SECONDS,
        now,
      );
      await this.outbox.enqueue(
        manager,
        codeMail(
          user.email,
          code,
          { ko: '비밀번호 재설정 코드', en: 'password reset code' },
          `${minutes}분 동안 한 번만 쓸 수 있습니다. It works once, for ${minutes} minutes. ` +
            '요청하지 않았다면 무시하세요. If you did not ask for it, ignore this message.',
        ),
      );
    });
    this.outbox.kick();
    return { status: 'accepted' };
  }

  async reset(dto: PasswordResetDto, address: string): Promise<void> {
    const now = new Date();
    const c = this.config;
    await this.throttle.take(
      `reset-address:${address}`,
      c.PASSWORD_RESET_MAX_PER_ADDRESS * 3,
      c.PASSWORD_RESET_WINDOW_SECONDS,
      now,
      THROTTLED,
    );
    const user = await this.users.findOneBy({ email: normalizeEmail(dto.email) });
    const pending = user ? await latestOpenCode(this.codes, user.id) : null;
    if (!user || !pending || pending.expiresAt <= now || pending.attempts >= c.PASSWORD_RESET_MAX_ATTEMPTS) {
      throw INVALID_CODE();
    }
    // Counted before comparing, so parallel guesses cannot exceed the limit.
    await this.codes.increment({ id: pending.id }, 'attempts', 1);
    if (!sameHash(pending.codeHash, hashCode(pending.id, dto.code))) throw INVALID_CODE();
    if (dto.newPassword.trim().toLowerCase() === user.email) {
      throw ProblemException.validation([{ field: 'newPassword', message: 'must not be your email address' }]);
    }
    const passwordHash = await this.passwords.hash(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      const consumed = await manager.update(
        PasswordResetCode,
        { id: pending.id, consumedAt: IsNull() },
        { consumedAt: now },
      );
      if (!consumed.affected) throw INVALID_CODE();
      // The code came to the address, so the address is confirmed too.
      await manager.update(
        User,
        { id: user.id },
        { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now, updatedAt: now },
      );
      await manager.update(RefreshToken, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now });
      await this.revocations.revoke(manager, user.id, now);
    });
    await this.loginThrottle.forgetAccount(user.email);
    this.revocations.kick();
  }
}
