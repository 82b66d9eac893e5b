import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Hospital } from '../hospitals/hospital.entity.js';
import { Review } from './review.entity.js';

/**
 * Sums of a hospital's counted reviews, as stored on its row: those of verified insiders, except
 * the ones an admin hid. Reports alone never move the figures.
 */
export interface RatingTotals {
  reviewCount: number;
  recommendCount: number;
  overallSum: number;
  careSum: number;
  honestySum: number;
  staffSum: number;
  facilitiesSum: number;
  waitingSum: number;
  ratingKey: number;
}

/**
 * Keeps each hospital's rating summary exact. Whoever changes a review (create, edit, delete,
 * hide, restore) first locks the hospital's row, makes the change, then calls `refresh()` in the
 * same transaction: the summary is recomputed from the counted reviews themselves, never adjusted
 * by a difference. Writers of one hospital take turns on the lock, and each recomputation sees every
 * change committed before it, so the last writer always leaves the true figures — an edit can never
 * apply a stale "old value" the way incremental averages do.
 */
@Injectable()
export class RatingSummaries {
  async refresh(manager: EntityManager, hospitalId: string): Promise<RatingTotals> {
    const totals = await computeTotals(manager, hospitalId);
    await manager.update(Hospital, { id: hospitalId }, totals);
    return totals;
  }
}

/** The summary as the reviews table says it is now (also what tests check the stored one against). */
export async function computeTotals(manager: EntityManager, hospitalId: string): Promise<RatingTotals> {
  const raw = await manager
    .createQueryBuilder(Review, 'r')
    .select('COUNT(*)', 'reviewCount')
    .addSelect('COALESCE(SUM(CASE WHEN r.recommend THEN 1 ELSE 0 END), 0)', 'recommendCount')
    .addSelect('COALESCE(SUM(r.overall), 0)', 'overallSum')
    .addSelect('COALESCE(SUM(r.care), 0)', 'careSum')
    .addSelect('COALESCE(SUM(r.honesty), 0)', 'honestySum')
    .addSelect('COALESCE(SUM(r.staff), 0)', 'staffSum')
    .addSelect('COALESCE(SUM(r.facilities), 0)', 'facilitiesSum')
    .addSelect('COALESCE(SUM(r.waiting), 0)', 'waitingSum')
    .where('r.hospitalId = :hospitalId', { hospitalId })
    .andWhere('r.verifiedInsider = :verified', { verified: true })
    .andWhere('r.adminHidden = :adminHidden', { adminHidden: false })
    .getRawOne<Record<string, string | number>>();
  // PostgreSQL returns COUNT and SUM as bigint strings.
  const n = (key: string) => Number(raw?.[key] ?? 0);
  const reviewCount = n('reviewCount');
  const overallSum = n('overallSum');
  return {
    reviewCount,
    recommendCount: n('recommendCount'),
    overallSum,
    careSum: n('careSum'),
    honestySum: n('honestySum'),
    staffSum: n('staffSum'),
    facilitiesSum: n('facilitiesSum'),
    waitingSum: n('waitingSum'),
    ratingKey: ratingKey(overallSum, reviewCount),
  };
}

/**
 * The prior of `sort=rating`'s Bayesian average: every hospital starts as if it had `reviews`
 * reviews of `mean` (the scale's middle), so one 5-star review (3.5) ranks below two (3.8) and
 * below a steady record of 4s. A fixed prior rather than the site-wide mean: each hospital's key
 * then depends on its own reviews only and stays exact under the row lock that `refresh` takes.
 * Migration 1764900000000-BayesianRatingKey holds the same numbers for the keys stored before.
 */
export const RATING_PRIOR = { mean: 3, reviews: 3 } as const;

/**
 * Sort key of `sort=rating`: the Bayesian average (see RATING_PRIOR) × 10,000, truncated, so keyset
 * cursors stay integers; 0 without reviews, below every reviewed hospital.
 */
export function ratingKey(overallSum: number, reviewCount: number): number {
  if (reviewCount === 0) return 0;
  const prior = RATING_PRIOR.mean * RATING_PRIOR.reviews;
  return Math.floor(((overallSum + prior) * 10_000) / (reviewCount + RATING_PRIOR.reviews));
}
