import type { PostPeriod } from '@carebridge/contracts';

const PERIOD_MS: Record<PostPeriod, number> = { week: 7 * 24 * 60 * 60 * 1000 };

/** The earliest creation time a post may have to count in the period's popular list. */
export function popularSince(now: number, period: PostPeriod): Date {
  return new Date(now - PERIOD_MS[period]);
}
