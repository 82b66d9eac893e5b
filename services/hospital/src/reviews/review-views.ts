import type { ReviewView } from '@carebridge/contracts';
import type { Caller } from '@carebridge/platform';
import type { Review } from './review.entity.js';

export interface ViewContext {
  caller: Caller | undefined;
  /** Ids of the reviews the caller marked helpful. */
  helpfulByMe?: ReadonlySet<string>;
  /** Include the moderation flag (admins; the author's own review). */
  showHidden?: boolean;
}

/**
 * The public face of a review: its tier and, if the author chose, their job category. No nickname,
 * no account, no "withdrawn" mark (its change would coincide with the author's board posts turning
 * "withdrawn"), and dates to the day only, so nothing ties a review to its author's board activity.
 */
export function toReviewView(r: Review, context: ViewContext): ReviewView {
  const view: ReviewView = {
    id: r.id,
    hospitalId: r.hospitalId,
    tier: r.verifiedInsider ? 'verified' : 'unverified',
    ratings: {
      overall: r.overall,
      care: r.care,
      honesty: r.honesty,
      staff: r.staff,
      facilities: r.facilities,
      waiting: r.waiting,
    },
    recommend: r.recommend,
    title: r.title,
    body: r.body,
    author: { jobCategory: r.authorSub !== null && r.showJobCategory ? r.authorJobCategory : null },
    helpfulCount: r.helpfulCount,
    helpfulByMe: context.helpfulByMe?.has(r.id) ?? false,
    isMine: isAuthor(r, context.caller),
    edited: r.updatedAt.getTime() !== r.createdAt.getTime(),
    createdAt: dayOf(r.createdAt),
    updatedAt: dayOf(r.updatedAt),
  };
  if (context.showHidden) view.hidden = r.hidden;
  return view;
}

/** `YYYY-MM-DD` in UTC. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function isAuthor(r: Review, caller: Caller | undefined): boolean {
  return caller !== undefined && r.authorSub !== null && r.authorSub === caller.sub;
}

/** Whether the caller is, now, a verified insider of this hospital (what makes a review count). */
export function isVerifiedInsiderOf(caller: Caller, hospitalId: string): boolean {
  return caller.insiderVerified && caller.hospitalId === hospitalId;
}
