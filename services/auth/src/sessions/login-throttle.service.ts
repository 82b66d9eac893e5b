import { isUniqueViolation, ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { AuthConfig } from '../config.js';
import { LoginThrottle } from './login-throttle.entity.js';

export interface ThrottleSubject {
  email: string;
  address: string;
}

/**
 * Slows password guessing: too many failed sign-ins for one account, or from one address, within
 * the window block further attempts for a while. Counts live in the database, so every replica
 * enforces the same limits.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectRepository(LoginThrottle) private readonly rows: Repository<LoginThrottle>,
    private readonly config: AuthConfig,
  ) {}

  /** Throws 429 with `Retry-After` while either the account or the address is blocked. */
  async assertAllowed(subject: ThrottleSubject, now = new Date()): Promise<void> {
    const blocked = await this.rows.find({
      where: keysOf(subject).map((key) => ({ key, blockedUntil: MoreThan(now) })),
    });
    if (blocked.length === 0) return;
    const until = Math.max(...blocked.map((row) => (row.blockedUntil as Date).getTime()));
    throw ProblemException.tooManyRequests(
      'AUTH.LOGIN_THROTTLED',
      'Too many failed sign-in attempts. Try again later.',
      (until - now.getTime()) / 1000,
    );
  }

  async recordFailure(subject: ThrottleSubject, now = new Date()): Promise<void> {
    await this.count(`account:${subject.email}`, this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT, now);
    await this.count(`address:${subject.address}`, this.config.LOGIN_MAX_FAILURES_PER_ADDRESS, now);
  }

  async recordSuccess(subject: ThrottleSubject): Promise<void> {
    await this.rows.delete({ key: `account:${subject.email}` });
  }

  private async count(key: string, max: number, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - this.config.LOGIN_FAILURE_WINDOW_SECONDS * 1000);
    // Atomic increment inside the current window; otherwise start a new window.
    const incremented = await this.rows.increment({ key, windowStartedAt: MoreThan(windowStart) }, 'failures', 1);
    if (!incremented.affected) {
      const restarted = await this.rows.update(
        { key, windowStartedAt: LessThanOrEqual(windowStart) },
        { failures: 1, windowStartedAt: now, blockedUntil: null },
      );
      if (!restarted.affected) {
        try {
          await this.rows.insert({ key, failures: 1, windowStartedAt: now, blockedUntil: null });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          await this.rows.increment({ key }, 'failures', 1);
        }
      }
    }
    const row = await this.rows.findOneBy({ key });
    if (row && row.failures >= max && !(row.blockedUntil && row.blockedUntil > now)) {
      const blockedUntil = new Date(now.getTime() + this.config.LOGIN_BLOCK_SECONDS * 1000);
      await this.rows.update({ key }, { blockedUntil, failures: 0, windowStartedAt: now });
    }
  }
}

function keysOf(subject: ThrottleSubject): string[] {
  return [`account:${subject.email}`, `address:${subject.address}`];
}
