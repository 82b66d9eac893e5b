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

/** Per member and action; new accounts and members whose workplace is unverified get less. */
export const WRITE_LIMITS: Record<WriteAction, Record<Standing, WindowLimit[]>> = {
  post: {
    new: [
      { max: 3, windowMs: 10 * MINUTE },
      { max: 10, windowMs: DAY },
    ],
    member: [
      { max: 5, windowMs: 10 * MINUTE },
      { max: 30, windowMs: DAY },
    ],
    insider: [
      { max: 10, windowMs: 10 * MINUTE },
      { max: 60, windowMs: DAY },
    ],
  },
  comment: {
    new: [
      { max: 10, windowMs: 10 * MINUTE },
      { max: 50, windowMs: DAY },
    ],
    member: [
      { max: 20, windowMs: 10 * MINUTE },
      { max: 200, windowMs: DAY },
    ],
    insider: [
      { max: 40, windowMs: 10 * MINUTE },
      { max: 400, windowMs: DAY },
    ],
  },
  like: {
    new: [{ max: 20, windowMs: 10 * MINUTE }],
    member: [{ max: 60, windowMs: 10 * MINUTE }],
    insider: [{ max: 120, windowMs: 10 * MINUTE }],
  },
  report: {
    new: [
      { max: 3, windowMs: HOUR },
      { max: 10, windowMs: DAY },
    ],
    member: [
      { max: 10, windowMs: HOUR },
      { max: 30, windowMs: DAY },
    ],
    insider: [
      { max: 20, windowMs: HOUR },
      { max: 60, windowMs: DAY },
    ],
  },
  review: {
    new: [{ max: 2, windowMs: DAY }],
    member: [{ max: 3, windowMs: DAY }],
    insider: [{ max: 5, windowMs: DAY }],
  },
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
