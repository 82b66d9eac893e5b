import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Dialect, databaseOptions } from '@carebridge/platform';
import { requireDatabaseServer } from '@carebridge/platform/testing';
import { DataSource } from 'typeorm';
import { DIALECTS } from '../src/app.module.js';
import { HospitalSchema1763900000000 } from '../src/migrations/1763900000000-HospitalSchema.js';
import { HospitalHarness } from './hospital-harness.js';

const H = '11111111-1111-4111-8111-111111111111';
const AT = '2026-11-01 10:00:00.000';

/** Reviews as the schema before tiers held them, every one counted in the stored summary. */
const OLD_REVIEWS = [
  { id: 'aaaaaaaa-0000-4000-8000-000000000001', verified: true, overall: 5, hidden: false, resolution: null },
  { id: 'aaaaaaaa-0000-4000-8000-000000000002', verified: false, overall: 1, hidden: false, resolution: null },
  { id: 'aaaaaaaa-0000-4000-8000-000000000003', verified: true, overall: 2, hidden: true, resolution: 'hidden' },
  { id: 'aaaaaaaa-0000-4000-8000-000000000004', verified: true, overall: 4, hidden: true, resolution: null },
];

async function seedOldSchema(url: string | undefined, dataDir: string): Promise<void> {
  const ds = new DataSource(
    databaseOptions({
      service: 'hospital',
      url,
      dataDir,
      dialects: DIALECTS,
      entities: [],
      migrations: [HospitalSchema1763900000000],
    }),
  );
  await ds.initialize();
  try {
    await ds.runMigrations();
    await ds.query(`INSERT INTO hospitals (id, name, name_search, type, region, review_count, recommend_count,
      overall_sum, care_sum, honesty_sum, staff_sum, facilities_sum, waiting_sum, rating_key, created_at, updated_at)
      VALUES ('${H}', '옛병원', '옛병원', '병원', '서울', 2, 2, 9, 9, 9, 9, 9, 9, 45000, '${AT}', '${AT}')`);
    for (const [i, r] of OLD_REVIEWS.entries()) {
      const o = r.overall;
      await ds.query(`INSERT INTO reviews (id, hospital_id, author_sub, author_nickname, author_job_category,
        show_job_category, verified_insider, overall, care, honesty, staff, facilities, waiting, recommend, title,
        body, helpful_count, hidden, created_at, updated_at)
        VALUES ('${r.id}', '${H}', 'old-sub-${i}', '옛닉네임${i}', NULL, false, ${r.verified}, ${o}, ${o}, ${o}, ${o},
        ${o}, ${o}, true, '옛 리뷰 ${i}', '마이그레이션 전에 쓴 리뷰입니다. 스무 자를 넘깁니다.', 0, ${r.hidden},
        '${AT}', '${AT}')`);
      if (r.hidden) {
        await ds.query(`INSERT INTO moderation_cases (id, target_type, target_id, report_count, status, resolution,
          created_at, updated_at) VALUES ('bbbbbbbb-0000-4000-8000-00000000000${i}', 'review', '${r.id}', 5,
          '${r.resolution ? 'resolved' : 'open'}', ${r.resolution ? `'${r.resolution}'` : 'NULL'}, '${AT}', '${AT}')`);
      }
    }
  } finally {
    await ds.destroy();
  }
}

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  describe(`review tiers migration (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `review tiers migration (${dialect})`);
    const h = new HospitalHarness(dialect);
    before(async () => {
      if (!missing) await h.start((db) => seedOldSchema(db.url, db.dataDir));
    });
    after(() => h.stop());

    it('recounts every summary from verified reviews that no admin hid, and drops stored nicknames', {
      skip: missing,
    }, async () => {
      const { rating } = (await h.api.get(`/api/hospitals/${H}`)).body;
      // Counted: the verified one (5) and the one reports hid (4); not the unverified one nor the admin-hidden one.
      assert.deepEqual([rating.reviewCount, rating.averages.overall, rating.recommendCount], [2, 4.5, 2]);
      const list = (await h.api.get(`/api/hospitals/${H}/reviews`)).body.items;
      assert.deepEqual(
        list.map((r: { tier: string }) => r.tier),
        ['verified', 'unverified'],
      );
      const [row] = await h.dataSource.query('SELECT COUNT(*) AS n FROM reviews WHERE author_nickname IS NOT NULL');
      assert.equal(Number(row.n), 0);
    });
  });
}
