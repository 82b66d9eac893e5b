import type { Standing } from './standing.js';

export const WRITE_ACTIONS = ['post', 'comment', 'like', 'report', 'review'] as const;
export type WriteAction = (typeof WRITE_ACTIONS)[number];

/** At most `max` writes in any `windowMs` (a sliding window). */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The same windows for every standing, each with its own `max`: `max[standing][i]` in `windowsMs[i]`. */
function perStanding(windowsMs: number[], max: Record<Standing, number[]>): Record<Standing, WindowLimit[]> {
  const limits = (counts: number[]) => windowsMs.map((windowMs, i) => ({ max: counts[i] as number, windowMs }));
  return { new: limits(max.new), member: limits(max.member), insider: limits(max.insider) };
}

/** Per member and action; new accounts and members whose workplace is unverified get less. */
export const WRITE_LIMITS: Record<WriteAction, Record<Standing, WindowLimit[]>> = {
  post: perStanding([10 * MINUTE, DAY], { new: [3, 10], member: [5, 30], insider: [10, 60] }),
  comment: perStanding([10 * MINUTE, DAY], { new: [10, 50], member: [20, 200], insider: [40, 400] }),
  like: perStanding([10 * MINUTE], { new: [20], member: [60], insider: [120] }),
  report: perStanding([HOUR, DAY], { new: [3, 10], member: [10, 30], insider: [20, 60] }),
  review: perStanding([DAY], { new: [2], member: [3], insider: [5] }),
};

export type WriteDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * The sliding-window-log rule: a write is allowed when, in every window, fewer than `max` earlier
 * writes happened. Refused, it says when the oldest write that blocks it leaves its window (the
 * latest such moment over all windows). `history` holds the times of earlier accepted writes.
 */
export function decideWrite(history: readonly number[], now: number, limits: readonly WindowLimit[]): WriteDecision {
  let retryAfterMs = 0;
  for (const { max, windowMs } of limits) {
    const inWindow = history.filter((t) => t > now - windowMs && t <= now).sort((a, b) => a - b);
    if (inWindow.length < max) continue;
    // After the (count - max + 1) oldest writes leave the window, count drops to max - 1.
    const blocking = inWindow[inWindow.length - max] as number;
    retryAfterMs = Math.max(retryAfterMs, blocking + windowMs - now);
  }
  return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
}

/** The limits scaled by a factor (operators' knob; 0 lifts them). */
export function scaledLimits(limits: readonly WindowLimit[], factor: number): WindowLimit[] {
  if (factor === 0) return [];
  return limits.map((l) => ({ ...l, max: Math.max(1, Math.round(l.max * factor)) }));
}
