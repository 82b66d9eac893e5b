import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `sort=rating` orders by a Bayesian average with a prior of 3 reviews of 3 (`RATING_PRIOR` in
 * reviews/rating-summaries.ts, written out here so later changes there leave this step as it ran):
 * the stored keys are recomputed from the stored sums. Integer division truncates on both dialects.
 */
export class BayesianRatingKey1764900000000 implements MigrationInterface {
  name = 'BayesianRatingKey1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'UPDATE hospitals SET rating_key = CASE WHEN review_count = 0 THEN 0 ELSE ((overall_sum + 9) * 10000) / (review_count + 3) END',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'UPDATE hospitals SET rating_key = CASE WHEN review_count = 0 THEN 0 ELSE (overall_sum * 10000) / review_count END',
    );
  }
}
