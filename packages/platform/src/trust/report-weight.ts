import { type AccessTokenClaims, REPORT_HIDE_WEIGHT } from '@carebridge/contracts';
import { type Standing, standingOf } from './standing.js';

const WEIGHTS: Record<Standing, number> = { new: 0, member: 1, insider: 2 };

export type Reporter = Pick<AccessTokenClaims, 'emailVerified' | 'memberSince' | 'insiderVerified' | 'hospitalId'>;

export interface ReportedItem {
  /** The hospital a reported review is about; absent for board items. */
  hospitalId?: string | null;
}

/**
 * How the reporter's earlier reports (in the same service) were decided by admins: `upheld` the
 * item was hidden; `dismissed` the report was dismissed, or the item it hid was restored.
 */
export interface ReporterHistory {
  upheld: number;
  dismissed: number;
}

export const NO_HISTORY: ReporterHistory = { upheld: 0, dismissed: 0 };

/** A track record this far either way changes what a report weighs. */
export const HISTORY_STEP = 3;

/**
 * What one report counts towards hiding an item automatically. Throwaway accounts (new, email
 * unverified) weigh nothing, so no number of them hides anything; neither do a hospital's own
 * (claimed or verified) insiders reporting its reviews. Their reports still reach the admin queue.
 * The reporter's record adjusts the rest by their balance of upheld over dismissed reports: 3 or
 * more wrong ones than right costs all weight, any surplus of wrong ones costs 1, a surplus of 3 or
 * more right ones adds 1. So a serial false reporter only ever brings items to an admin's attention,
 * and a reporter the admins keep agreeing with hides sooner; a throwaway earns nothing either way.
 */
export function reportWeight(
  reporter: Reporter,
  item: ReportedItem,
  now: number,
  history: ReporterHistory = NO_HISTORY,
): number {
  if (item.hospitalId && reporter.hospitalId === item.hospitalId) return 0;
  const base = WEIGHTS[standingOf(reporter, now)];
  if (base === 0) return 0;
  const balance = history.upheld - history.dismissed;
  if (balance <= -HISTORY_STEP) return 0;
  if (balance < 0) return base - 1;
  if (balance >= HISTORY_STEP) return base + 1;
  return base;
}

/** A reporter's history from the resolutions of the cases they reported (one entry per report). */
export function reporterHistory(resolutions: { resolution: string | null; n: number | string }[]): ReporterHistory {
  const history = { upheld: 0, dismissed: 0 };
  for (const { resolution, n } of resolutions) {
    if (resolution === 'hidden') history.upheld += Number(n);
    else if (resolution === 'dismissed' || resolution === 'restored') history.dismissed += Number(n);
  }
  return history;
}

/** Whether an open case's reports weigh enough to hide the item before an admin looks. */
export function hidesAutomatically(totalWeight: number): boolean {
  return totalWeight >= REPORT_HIDE_WEIGHT;
}
