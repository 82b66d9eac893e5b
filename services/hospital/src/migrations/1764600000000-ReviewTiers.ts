import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Review tiers and weighed reports. Only reviews by verified insiders count in a hospital's summary,
 * and only an admin's decision (not reports) takes one out of it: `admin_hidden` records that
 * decision apart from `hidden` (out of the public list). Summaries are recomputed under the new
 * rule, and the nicknames reviews stored are dropped. Reports made before this weigh 0: their
 * reporters' standing was never recorded.
 */
export class ReviewTiers1764600000000 implements MigrationInterface {
  name = 'ReviewTiers1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.addColumn('reviews', new TableColumn(c.boolean('admin_hidden', false)));
    await runner.addColumn('reports', new TableColumn(c.int('weight', { default: '0' })));
    await runner.addColumn('moderation_cases', new TableColumn(c.int('report_weight', { default: '0' })));
    // Reviews no longer carry the author's board nickname, not even in the database.
    await runner.query('UPDATE reviews SET author_nickname = NULL');
    await runner.query(`
      UPDATE reviews SET admin_hidden = true
      WHERE hidden = true AND EXISTS (
        SELECT 1 FROM moderation_cases m
        WHERE m.target_type = 'review' AND m.target_id = reviews.id AND m.resolution = 'hidden')`);
    const counted = (expr: string) =>
      `(SELECT COALESCE(${expr}, 0) FROM reviews r
        WHERE r.hospital_id = hospitals.id AND r.verified_insider = true AND r.admin_hidden = false)`;
    const sums = ['overall', 'care', 'honesty', 'staff', 'facilities', 'waiting'].map(
      (name) => `${name}_sum = ${counted(`SUM(r.${name})`)}`,
    );
    await runner.query(`
      UPDATE hospitals SET
        review_count = ${counted('COUNT(*)')},
        recommend_count = ${counted('SUM(CASE WHEN r.recommend THEN 1 ELSE 0 END)')},
        ${sums.join(',\n        ')}`);
    await runner.query(`
      UPDATE hospitals SET rating_key = CASE WHEN review_count = 0 THEN 0
        ELSE (overall_sum * 10000) / review_count END`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('moderation_cases', 'report_weight');
    await runner.dropColumn('reports', 'weight');
    await runner.dropColumn('reviews', 'admin_hidden');
  }
}
