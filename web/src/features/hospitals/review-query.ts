import type { ReviewFilters, ReviewSort } from '@carebridge/contracts';

/** A hospital page's review list as its URL query holds it, so Back and shared links keep it. */
export interface ReviewQuery extends ReviewFilters {
  sort: ReviewSort;
}

/**
 * The sorts in the order the page offers them. Typed against the contract, so a sort added there
 * fails the build until it is offered here; spelt out rather than read from REVIEW_SORTS, whose
 * array would sit in the first bundle that every page downloads.
 */
export const REVIEW_SORT_ORDER = Object.keys({
  latest: 0,
  helpful: 0,
  highest: 0,
  lowest: 0,
} satisfies Record<ReviewSort, 0>) as ReviewSort[];
