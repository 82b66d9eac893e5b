/** Why a member reports a post, comment or review. */
export const REPORT_REASONS = ['spam', 'abuse', 'privacy', 'misinformation', 'advertising', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** Distinct members' reports that hide an item until an admin decides. */
export const REPORT_HIDE_THRESHOLD = 5;
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
