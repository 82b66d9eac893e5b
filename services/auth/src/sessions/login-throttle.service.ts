import { createHash } from 'node:crypto';
import { ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { AuthConfig } from '../config.js';
import type { BackoffPolicy } from '../throttle/backoff.js';
import { ThrottleStore } from '../throttle/throttle-store.js';

export interface ThrottleSubject {
  email: string;
  address: string;
}

/**
 * Slows password guessing without letting a stranger lock an owner out: failures are counted per
 * account-and-address pair (exponential back-off after a few) and per address across accounts.
 * Nothing is counted per account alone, so failures from elsewhere never block the owner's own
 * address.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly store: ThrottleStore,
    private readonly config: AuthConfig,
  ) {}

  /** Throws 429 with `Retry-After` while the pair or the address must wait. */
  async assertAllowed(subject: ThrottleSubject, now = new Date()): Promise<void> {
    const wait = await this.store.secondsToWait([pairKey(subject), addressKey(subject)], now);
    if (wait > 0) {
      throw ProblemException.tooManyRequests(
        'AUTH.LOGIN_THROTTLED',
        'Too many failed sign-in attempts. Try again later.',
        wait,
      );
    }
  }

  async recordFailure(subject: ThrottleSubject, now = new Date()): Promise<void> {
    const c = this.config;
    const pair: BackoffPolicy = {
      freeFailures: c.LOGIN_MAX_FAILURES_PER_PAIR,
      baseSeconds: c.LOGIN_BACKOFF_BASE_SECONDS,
      maxSeconds: c.LOGIN_BLOCK_SECONDS,
      forgetAfterSeconds: c.LOGIN_FAILURE_WINDOW_SECONDS,
    };
    const address: BackoffPolicy = {
      freeFailures: c.LOGIN_MAX_FAILURES_PER_ADDRESS,
      baseSeconds: c.LOGIN_BLOCK_SECONDS,
      maxSeconds: c.LOGIN_BLOCK_SECONDS,
      forgetAfterSeconds: c.LOGIN_FAILURE_WINDOW_SECONDS,
    };
    await this.store.recordFailure(pairKey(subject), pair, now);
    await this.store.recordFailure(addressKey(subject), address, now);
  }

  async recordSuccess(subject: ThrottleSubject): Promise<void> {
    await this.store.clear(pairKey(subject));
  }

  /** Forgets an account's counters (account deleted). */
  async forgetAccount(email: string): Promise<void> {
    await this.store.clearPrefix(`pair:${accountTag(email)}|`);
  }
}

/** The email stays out of the table (and within its key length): a digest names the account. */
const accountTag = (email: string) => createHash('sha256').update(email).digest('hex').slice(0, 32);
const pairKey = (s: ThrottleSubject) => `pair:${accountTag(s.email)}|${s.address}`;
const addressKey = (s: ThrottleSubject) => `address:${s.address}`;
