import {
  JOB_CATEGORIES,
  type JobCategory,
  RATING_MAX,
  RATING_MIN,
  type ReviewFilters,
  type ReviewSort,
} from '@carebridge/contracts';

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

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

/** Reads the list from the URL; a value the page does not offer (an old or edited link) is left out. */
export function readReviewQuery(params: URLSearchParams): ReviewQuery {
  const query: ReviewQuery = { sort: oneOf(params.get('sort'), REVIEW_SORT_ORDER) ?? 'latest' };
  // The page offers verified-only; unverified reviews already come after the verified ones.
  const tier = oneOf(params.get('tier'), ['verified'] as const);
  const jobCategory: JobCategory | undefined = oneOf(params.get('jobCategory'), JOB_CATEGORIES);
  const overall = Number(params.get('overall'));
  if (tier) query.tier = tier;
  if (jobCategory) query.jobCategory = jobCategory;
  if (/^\d$/.test(params.get('overall') ?? '') && overall >= RATING_MIN && overall <= RATING_MAX) {
    query.overall = overall;
  }
  return query;
}
