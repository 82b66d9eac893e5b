import type { Caller } from '../auth/caller.js';
import { ProblemException } from '../errors/problem.exception.js';
import { standingOf } from './standing.js';
import { decideWrite, scaledLimits, WRITE_LIMITS, type WriteAction } from './write-limits.js';

export interface WriteLimiterOptions {
  /** Multiplies every limit; 0 lifts them (`WRITE_LIMIT_FACTOR`). */
  factor: number;
  /** Prefix of the problem key, e.g. `BOARD` gives `BOARD.RATE_LIMITED`. */
  keyPrefix: string;
  clock?: () => number;
}

const LONGEST_WINDOW_MS = Math.max(
  ...Object.values(WRITE_LIMITS).flatMap((byStanding) =>
    Object.values(byStanding).flatMap((limits) => limits.map((l) => l.windowMs)),
  ),
);

/**
 * Per-member write limits, kept in this process's memory: in the cluster each replica counts on
 * its own (see docs/trust-and-safety.md, "Write limits"). Admins are not limited.
 */
export class WriteLimiter {
  private readonly log = new Map<string, number[]>();
  private readonly clock: () => number;
  private takes = 0;

  constructor(private readonly options: WriteLimiterOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Counts the write, or refuses it with 429 and Retry-After when the member is over a limit. */
  take(caller: Caller, action: WriteAction): void {
    if (caller.role === 'admin') return;
    const now = this.clock();
    const limits = scaledLimits(WRITE_LIMITS[action][standingOf(caller, now)], this.options.factor);
    const key = `${action}:${caller.sub}`;
    const history = (this.log.get(key) ?? []).filter((t) => t > now - LONGEST_WINDOW_MS);
    const decision = decideWrite(history, now, limits);
    if (!decision.allowed) {
      this.log.set(key, history);
      throw ProblemException.tooManyRequests(
        `${this.options.keyPrefix}.RATE_LIMITED`,
        `Too many ${action}s in a short time. Try again in ${Math.ceil(decision.retryAfterMs / 1000)} seconds.`,
        decision.retryAfterMs / 1000,
      );
    }
    history.push(now);
    this.log.set(key, history);
    if (++this.takes % 1000 === 0) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const [key, times] of this.log) {
      if (times.every((t) => t <= now - LONGEST_WINDOW_MS)) this.log.delete(key);
    }
  }
}
