/** What a throttle remembers about one key (an account-and-address pair, an address, …). */
export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

export interface BackoffPolicy {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; each further failure doubles it. */
  baseSeconds: number;
  maxSeconds: number;
  /** Failures are forgotten after this long without a new one. */
  forgetAfterSeconds: number;
}

/** Seconds the key must still wait before its next attempt (0: it may try now). */
export function secondsToWait(state: ThrottleState | undefined, now: Date): number {
  if (!state?.blockedUntil) return 0;
  return Math.max(0, (state.blockedUntil.getTime() - now.getTime()) / 1000);
}

/** The state after one more failure: a fresh count once the old ones are forgotten, then exponential waits. */
export function afterFailure(state: ThrottleState | undefined, now: Date, policy: BackoffPolicy): ThrottleState {
  const forgotten =
    !state ||
    (now.getTime() - state.lastFailureAt.getTime() > policy.forgetAfterSeconds * 1000 &&
      secondsToWait(state, now) === 0);
  const failures = forgotten ? 1 : state.failures + 1;
  const over = failures - policy.freeFailures;
  if (over < 0) return { failures, lastFailureAt: now, blockedUntil: null };
  const wait = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.min(over, 30));
  return { failures, lastFailureAt: now, blockedUntil: new Date(now.getTime() + wait * 1000) };
}
