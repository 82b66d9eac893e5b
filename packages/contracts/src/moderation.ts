/** Why a member reports a post, comment or review. */
export const REPORT_REASONS = ['spam', 'abuse', 'privacy', 'misinformation', 'advertising', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/**
 * Reports are weighed by the reporter's standing (see `reportWeight` in the platform package): an
 * established member's report weighs 1, a verified insider's 2, a throwaway account's 0. An open
 * case whose reports weigh this much is hidden until an admin decides; below it the item stays
 * visible and waits in the admin queue.
 */
export const REPORT_HIDE_WEIGHT = 5;
/** @deprecated Kept for old imports: the hide rule is a weight now, see REPORT_HIDE_WEIGHT. */
export const REPORT_HIDE_THRESHOLD = REPORT_HIDE_WEIGHT;
/** An account this young (or of unknown age) carries no weight in reports and has tighter write limits. */
export const ESTABLISHED_ACCOUNT_DAYS = 7;
export const REPORT_DETAIL_MAX_LENGTH = 500;

export const REPORT_ACTIONS = ['hide', 'restore', 'dismiss'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export type ReportStatus = 'open' | 'resolved';

export interface ReportRequest {
  reason: ReportReason;
  detail?: string;
}

/** An item in the admin's moderation queue: reports grouped by the reported item. */
export interface ModerationItem {
  id: string;
  targetType: string;
  targetId: string;
  /** A short excerpt of the reported content, for the moderator. */
  excerpt: string;
  reportCount: number;
  /** Sum of the reports' weights. Open, reported and still visible = contested: an admin decides. */
  reportWeight: number;
  reasons: Partial<Record<ReportReason, number>>;
  hidden: boolean;
  status: ReportStatus;
  createdAt: string;
}

/** How every response names an author: nickname only, never an id or email. */
export interface AuthorView {
  nickname: string;
}

/** Shown instead of the nickname once the author deleted their account. */
export const WITHDRAWN_AUTHOR_NICKNAME = '탈퇴한 회원';
