import type { ReviewSort } from '@carebridge/contracts';
import {
  type CursorValue,
  decodeCursor,
  type KeysetDirection,
  keysetAfter,
  keysetOrder,
  ProblemException,
} from '@carebridge/platform';
import type { SelectQueryBuilder } from 'typeorm';
import type { ListReviewsQuery } from './dto/review.dto.js';
import type { Review } from './review.entity.js';

type SortKey = readonly [column: keyof Review, direction: KeysetDirection];

/**
 * Verified reviews come first in every order, then unverified ones; ties fall to the newest, then
 * the id. `lowest` keeps newest-first within a score, so its columns run in mixed directions.
 */
const SORTS = {
  latest: [
    ['verifiedInsider', 'DESC'],
    ['createdAt', 'DESC'],
    ['id', 'DESC'],
  ],
  helpful: [
    ['verifiedInsider', 'DESC'],
    ['helpfulCount', 'DESC'],
    ['createdAt', 'DESC'],
    ['id', 'DESC'],
  ],
  highest: [
    ['verifiedInsider', 'DESC'],
    ['overall', 'DESC'],
    ['createdAt', 'DESC'],
    ['id', 'DESC'],
  ],
  lowest: [
    ['verifiedInsider', 'DESC'],
    ['overall', 'ASC'],
    ['createdAt', 'DESC'],
    ['id', 'DESC'],
  ],
} as const satisfies Record<ReviewSort, readonly SortKey[]>;

/** Narrows `qb` (alias `r`) to the reviews the query's filters keep. */
export function filterReviews(qb: SelectQueryBuilder<Review>, query: ListReviewsQuery): void {
  if (query.tier) qb.andWhere('r.verifiedInsider = :verified', { verified: query.tier === 'verified' });
  if (query.jobCategory) {
    // Only what the review shows: a job category its author chose to show, while the account exists.
    qb.andWhere('r.showJobCategory = :shown AND r.authorSub IS NOT NULL AND r.authorJobCategory = :jobCategory', {
      shown: true,
      jobCategory: query.jobCategory,
    });
  }
  if (query.overall !== undefined) qb.andWhere('r.overall = :overall', { overall: query.overall });
}

/**
 * Which list a cursor belongs to: its sort and filters. A cursor carries this beside the id of the
 * last review of its page (its sort values are looked up, so no exact time leaves the service), and
 * one used on another list is refused rather than read as a position in it.
 */
function listKey(query: ListReviewsQuery): string {
  return [query.sort, query.tier ?? '', query.jobCategory ?? '', query.overall ?? ''].join('|');
}

export function cursorOf(query: ListReviewsQuery, review: Review): CursorValue[] {
  return [listKey(query), review.id];
}

/** The id of the review a cursor continues after; 400 (`cursor`) for one of another list. */
export function cursorAnchor(query: ListReviewsQuery, cursor: string): string {
  const [key, id] = decodeCursor(cursor, ['string', 'string']) as [string, string];
  if (key !== listKey(query)) {
    throw ProblemException.validation([
      { field: 'cursor', message: 'was given out for another sort or other filters: start again without it' },
    ]);
  }
  return id;
}

/** Orders `qb` by the sort and, given the last review of the previous page, continues after it. */
export function orderReviews(qb: SelectQueryBuilder<Review>, sort: ReviewSort, anchor: Review | null): void {
  const keys: readonly SortKey[] = SORTS[sort];
  const columns = keys.map(([column]) => `r.${column}`);
  const directions = keys.map(([, direction]) => direction);
  if (anchor) {
    keysetAfter(
      qb,
      columns,
      keys.map(([column]) => anchor[column] as string | number | boolean | Date),
      directions,
    );
  }
  keysetOrder(qb, columns, directions);
}
