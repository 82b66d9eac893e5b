import type { ProblemKey } from '@carebridge/contracts';
import { isUniqueViolation, ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Like, Repository } from 'typeorm';
import { LoginThrottle } from '../sessions/login-throttle.entity.js';
import { afterFailure, type BackoffPolicy, secondsToWait, type ThrottleState } from './backoff.js';

/**
 * Counters shared by every replica (one row per key in `login_throttle`): back-off after failures
 * (sign-in) and fixed-window limits (sign-up, password reset). The decisions are the pure
 * functions of `backoff.ts`; this only loads and stores their state.
 */
@Injectable()
export class ThrottleStore {
  constructor(@InjectRepository(LoginThrottle) private readonly rows: Repository<LoginThrottle>) {}

  /** The longest wait any of these keys still has, in seconds. */
  async secondsToWait(keys: string[], now: Date): Promise<number> {
    const rows = await this.rows.findBy({ key: In(keys) });
    return Math.max(0, ...rows.map((row) => secondsToWait(stateOf(row), now)));
  }

  async recordFailure(key: string, policy: BackoffPolicy, now: Date): Promise<void> {
    const row = await this.rows.findOneBy({ key });
    const next = afterFailure(row ? stateOf(row) : undefined, now, policy);
    await this.save(key, next);
  }

  async clear(key: string): Promise<void> {
    await this.rows.delete({ key });
  }

  async clearPrefix(prefix: string): Promise<void> {
    await this.rows.delete({ key: Like(`${prefix}%`) });
  }

  /**
   * Counts one use of `key` in a fixed window; throws 429 with `Retry-After` once more than `max`
   * uses fall in the window.
   */
  async take(key: string, max: number, windowSeconds: number, now: Date, refusal: Refusal): Promise<void> {
    const row = await this.rows.findOneBy({ key });
    const windowEnds = row ? row.windowStartedAt.getTime() + windowSeconds * 1000 : 0;
    const fresh = !row || windowEnds <= now.getTime();
    const uses = fresh ? 1 : row.failures + 1;
    const state = { failures: uses, lastFailureAt: fresh ? now : row.windowStartedAt, blockedUntil: null };
    await this.save(key, state);
    if (uses > max) {
      const retryAfter = ((fresh ? now.getTime() + windowSeconds * 1000 : windowEnds) - now.getTime()) / 1000;
      throw ProblemException.tooManyRequests(refusal.key, refusal.detail, retryAfter);
    }
  }

  private async save(key: string, state: ThrottleState): Promise<void> {
    const values = { failures: state.failures, windowStartedAt: state.lastFailureAt, blockedUntil: state.blockedUntil };
    const updated = await this.rows.update({ key }, values);
    if (updated.affected) return;
    try {
      await this.rows.insert({ key, ...values });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.rows.update({ key }, values);
    }
  }
}

export interface Refusal {
  key: ProblemKey;
  detail: string;
}

function stateOf(row: LoginThrottle): ThrottleState {
  return { failures: row.failures, lastFailureAt: row.windowStartedAt, blockedUntil: row.blockedUntil };
}
