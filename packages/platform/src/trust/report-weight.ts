import { type AccessTokenClaims, REPORT_HIDE_WEIGHT } from '@carebridge/contracts';
import { type Standing, standingOf } from './standing.js';

const WEIGHTS: Record<Standing, number> = { new: 0, member: 1, insider: 2 };

export type Reporter = Pick<AccessTokenClaims, 'emailVerified' | 'memberSince' | 'insiderVerified' | 'hospitalId'>;

export interface ReportedItem {
  /** The hospital a reported review is about; absent for board items. */
  hospitalId?: string | null;
}

/**
 * What one report counts towards hiding an item automatically. Throwaway accounts (new, email
 * unverified) weigh nothing, so no number of them hides anything; neither do a hospital's own
 * (claimed or verified) insiders reporting its reviews. Their reports still reach the admin queue.
 */
export function reportWeight(reporter: Reporter, item: ReportedItem, now: number): number {
  if (item.hospitalId && reporter.hospitalId === item.hospitalId) return 0;
  return WEIGHTS[standingOf(reporter, now)];
}

/** Whether an open case's reports weigh enough to hide the item before an admin looks. */
export function hidesAutomatically(totalWeight: number): boolean {
  return totalWeight >= REPORT_HIDE_WEIGHT;
}
