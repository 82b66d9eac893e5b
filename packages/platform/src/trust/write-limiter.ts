import type { ProblemKey } from '@carebridge/contracts';
import type { Caller } from '../auth/caller.js';
import { ProblemException } from '../errors/problem.exception.js';
import { standingOf } from './standing.js';
import { decideWrite, scaledLimits, WRITE_LIMITS, type WriteAction } from './write-limits.js';
import type { WriteLog } from './write-log.js';

/** The services whose contract has a `<PREFIX>.RATE_LIMITED` key. */
export type RateLimitedPrefix = ProblemKey extends infer K ? (K extends `${infer P}.RATE_LIMITED` ? P : never) : never;

export interface WriteLimiterOptions {
  /** Multiplies every limit; 0 lifts them (`WRITE_LIMIT_FACTOR`). */
  factor: number;
  /** Prefix of the problem key, e.g. `BOARD` gives `BOARD.RATE_LIMITED`. */
  keyPrefix: RateLimitedPrefix;
  log: WriteLog;
  clock?: () => number;
}

const LONGEST_WINDOW_MS = Math.max(
  ...Object.values(WRITE_LIMITS).flatMap((byStanding) =>
    Object.values(byStanding).flatMap((limits) => limits.map((l) => l.windowMs)),
  ),
);
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Per-member write limits over a shared log. A write is recorded first and then judged against the
 * member's other recent writes, and taken back if refused: two simultaneous writes (on two
 * replicas) each see the other, so together they can never pass a limit. Admins are not limited.
 */
export class WriteLimiter {
  private readonly clock: () => number;
  private prunedAt = 0;

  constructor(private readonly options: WriteLimiterOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Counts the write, or refuses it with 429 and Retry-After when the member is over a limit. */
  async take(caller: Caller, action: WriteAction): Promise<void> {
    if (caller.role === 'admin') return;
    const now = this.clock();
    const limits = scaledLimits(WRITE_LIMITS[action][standingOf(caller, now)], this.options.factor);
    if (limits.length === 0) return;
    const { log } = this.options;
    const key = `${action}:${caller.sub}`;
    const id = await log.add(key, now);
    const history = await log.others(key, now - Math.max(...limits.map((l) => l.windowMs)), id);
    const decision = decideWrite(history, now, limits);
    if (!decision.allowed) {
      await log.remove(id);
      throw ProblemException.tooManyRequests(
        `${this.options.keyPrefix}.RATE_LIMITED`,
        `Too many ${action}s in a short time. Try again in ${Math.ceil(decision.retryAfterMs / 1000)} seconds.`,
        decision.retryAfterMs / 1000,
      );
    }
    if (now - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = now;
      await log.prune(now - LONGEST_WINDOW_MS);
    }
  }
}
