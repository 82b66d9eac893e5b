import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the review list's orders, each led by the hospital and visibility and walking the
 * sort's columns as the query orders them (verified reviews first). `highest` runs every column
 * down, so a plain index read backwards serves it; `lowest` climbs the score while the time and id
 * fall, which only an index declared with those directions serves. The tier-led ones serve
 * `latest` and `helpful`, whose older indexes predate the verified-first order.
 */
const INDEXES: [name: string, columns: string][] = [
  ['idx_reviews_highest', 'hospital_id, hidden, verified_insider, overall, created_at, id'],
  ['idx_reviews_lowest', 'hospital_id, hidden, verified_insider DESC, overall ASC, created_at DESC, id DESC'],
  ['idx_reviews_tier_latest', 'hospital_id, hidden, verified_insider, created_at, id'],
  ['idx_reviews_tier_helpful', 'hospital_id, hidden, verified_insider, helpful_count, created_at, id'],
];

export class ReviewSortIndexes1765000000000 implements MigrationInterface {
  name = 'ReviewSortIndexes1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const [name, columns] of INDEXES) await runner.query(`CREATE INDEX ${name} ON reviews (${columns})`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await runner.query(`DROP INDEX ${name}`);
  }
}
