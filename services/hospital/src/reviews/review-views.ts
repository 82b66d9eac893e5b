import { type ReviewView, WITHDRAWN_AUTHOR_NICKNAME } from '@carebridge/contracts';
import type { Caller } from '@carebridge/platform';
import type { Review } from './review.entity.js';

export interface ViewContext {
  caller: Caller | undefined;
  /** Ids of the reviews the caller marked helpful. */
  helpfulByMe?: ReadonlySet<string>;
  /** Include the moderation flag (admins; the author's own review). */
  showHidden?: boolean;
}

/** The public face of a review: the author only as a nickname, never the account behind it. */
export function toReviewView(r: Review, context: ViewContext): ReviewView {
  const withdrawn = r.authorSub === null;
  const view: ReviewView = {
    id: r.id,
    hospitalId: r.hospitalId,
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
    author: {
      nickname: withdrawn ? WITHDRAWN_AUTHOR_NICKNAME : (r.authorNickname ?? WITHDRAWN_AUTHOR_NICKNAME),
      jobCategory: !withdrawn && r.showJobCategory ? r.authorJobCategory : null,
      verifiedInsider: r.verifiedInsider,
    },
    helpfulCount: r.helpfulCount,
    helpfulByMe: context.helpfulByMe?.has(r.id) ?? false,
    isMine: isAuthor(r, context.caller),
    edited: r.updatedAt.getTime() !== r.createdAt.getTime(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
  if (context.showHidden) view.hidden = r.hidden;
  return view;
}

export function isAuthor(r: Review, caller: Caller | undefined): boolean {
  return caller !== undefined && r.authorSub !== null && r.authorSub === caller.sub;
}
