import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { JobCategory, ReviewSort, ReviewTier, ReviewView } from '@carebridge/contracts';
import type { JsonResponse } from '@carebridge/platform/testing';
import { Review } from '../src/reviews/review.entity.js';
import { reviewBody } from './hospital-harness.js';
import { API, describeHospital, fields, pageCursor } from './hospital-suite.js';

interface Written {
  id: string;
  tier: ReviewTier;
  /** What the review shows (null when its author keeps it to themselves). */
  jobCategory: JobCategory | null;
  overall: number;
  createdAt: Date;
}

const JOBS: JobCategory[] = ['nurse', 'doctor', 'pharmacist'];
// Three instants, six reviews each: some share tier, score and time, so the id must break ties.
const INSTANTS = [0, 1, 2].map((d) => new Date(Date.UTC(2026, 10, 20 + d, 9, 30, 0, 125)));

/** The order the service promises: verified first, then the sort, newest first, then by id. */
function expected(reviews: Written[], sort: ReviewSort): string[] {
  const score = (r: Written) => (sort === 'highest' ? -r.overall : sort === 'lowest' ? r.overall : 0);
  return [...reviews]
    .sort(
      (a, b) =>
        Number(b.tier === 'verified') - Number(a.tier === 'verified') ||
        score(a) - score(b) ||
        b.createdAt.getTime() - a.createdAt.getTime() ||
        (a.id < b.id ? 1 : -1),
    )
    .map((r) => r.id);
}

describeHospital('review filters and score sorts', 60, ({ h, missing, admin, insider, writeReview }) => {
  let hospitalId = '';
  const written: Written[] = [];

  /** Every page of a list, following nextCursor; fails on a page that is not 200. */
  async function walk(query: string, limit: number): Promise<ReviewView[]> {
    const items: ReviewView[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const res: JsonResponse = await h.api.get(
        `${API}/${hospitalId}/reviews?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.items.length <= limit);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (!cursor) return items;
    }
    throw new Error(`${query}: the cursor never ran out`);
  }

  const ids = (items: { id: string }[]) => items.map((i) => i.id);

  describe('GET /:id/reviews filters and sorts', { skip: missing }, () => {
    before(async () => {
      if (missing) return;
      hospitalId = (await h.hospital(admin)).id;
      for (let n = 0; n < 18; n++) {
        const verified = n % 4 !== 3;
        const job = JOBS[n % 3] as JobCategory;
        const shown = n % 7 !== 3;
        const overall = 1 + ((n * 2) % 5);
        const member = await insider(hospitalId, { jobCategory: job, insiderVerified: verified });
        const review = await writeReview(hospitalId, member, reviewBody({ showJobCategory: shown }, { overall }));
        const createdAt = INSTANTS[Math.floor(n / 6)] as Date;
        await h.dataSource.manager.update(Review, { id: review.id }, { createdAt, updatedAt: createdAt });
        written.push({
          id: review.id,
          tier: verified ? 'verified' : 'unverified',
          jobCategory: shown ? job : null,
          overall,
          createdAt,
        });
      }
      // Elsewhere and out of sight: neither may ever show up here.
      const other = (await h.hospital(admin)).id;
      await writeReview(other, await insider(other), reviewBody({ showJobCategory: true }, { overall: 5 }));
    });

    it('sorts by score both ways across pages, verified first, ties newest first then by id', async () => {
      const ties = new Set(written.map((r) => `${r.tier}|${r.overall}|${r.createdAt.getTime()}`));
      assert.ok(ties.size < written.length, 'the data has full ties for the id to break');
      for (const sort of ['highest', 'lowest'] as const) {
        for (const limit of [1, 4, 7, 50]) {
          const items = await walk(`sort=${sort}`, limit);
          assert.deepEqual(ids(items), expected(written, sort), `${sort}, ${limit} a page`);
          assert.equal(new Set(ids(items)).size, items.length, 'no review twice');
        }
      }
      const highest = await walk('sort=highest', 50);
      const verifiedScores = highest.filter((r) => r.tier === 'verified').map((r) => r.ratings.overall);
      assert.deepEqual(
        verifiedScores,
        [...verifiedScores].sort((a, b) => b - a),
      );
      assert.equal(highest.at(-1)?.tier, 'unverified', 'unverified reviews stay apart, after the verified ones');
    });

    it('keeps the older sorts, now also over filtered lists', async () => {
      for (const sort of ['latest', 'helpful'] as const) {
        assert.deepEqual(ids(await walk(`sort=${sort}`, 5)), expected(written, sort), sort);
      }
      assert.deepEqual(
        ids(await walk('sort=latest&overall=3', 1)),
        expected(
          written.filter((r) => r.overall === 3),
          'latest',
        ),
      );
    });

    it('filters by tier, either one', async () => {
      for (const tier of ['verified', 'unverified'] as const) {
        const items = await walk(`tier=${tier}`, 4);
        assert.ok(items.length > 0);
        assert.ok(items.every((r) => r.tier === tier));
        assert.deepEqual(
          ids(items),
          expected(
            written.filter((r) => r.tier === tier),
            'latest',
          ),
          tier,
        );
      }
    });

    it('filters by job category, matching only reviews that show it', async () => {
      for (const job of JOBS) {
        const items = await walk(`jobCategory=${job}`, 3);
        assert.ok(items.every((r) => r.author.jobCategory === job));
        assert.deepEqual(
          ids(items),
          expected(
            written.filter((r) => r.jobCategory === job),
            'latest',
          ),
          job,
        );
      }
      const hiding = written.filter((r) => r.jobCategory === null);
      assert.ok(hiding.length > 0);
      const found = new Set(ids(await walk('jobCategory=nurse', 50)));
      assert.ok(
        hiding.every((r) => !found.has(r.id)),
        'a hidden job category is never matched',
      );
      assert.deepEqual((await walk('jobCategory=administration', 5)).length, 0);
    });

    it('filters by an exact overall score', async () => {
      for (const overall of [1, 2, 3, 4, 5]) {
        const items = await walk(`overall=${overall}&sort=highest`, 2);
        assert.ok(items.every((r) => r.ratings.overall === overall));
        assert.deepEqual(
          ids(items),
          expected(
            written.filter((r) => r.overall === overall),
            'highest',
          ),
          `${overall}`,
        );
      }
    });

    it('combines filters, with either score sort', async () => {
      const keep = (r: Written) => r.tier === 'verified' && r.jobCategory === 'doctor' && r.overall === 3;
      assert.ok(written.some(keep));
      for (const sort of ['highest', 'lowest'] as const) {
        const items = await walk(`tier=verified&jobCategory=doctor&overall=3&sort=${sort}`, 1);
        assert.deepEqual(ids(items), expected(written.filter(keep), sort), sort);
      }
      for (const sort of ['highest', 'lowest'] as const) {
        const both = (r: Written) => r.tier === 'verified' && r.jobCategory === 'nurse';
        const items = await walk(`tier=verified&jobCategory=nurse&sort=${sort}`, 2);
        assert.ok(items.length > 1);
        assert.deepEqual(ids(items), expected(written.filter(both), sort), sort);
      }
      assert.equal((await walk('tier=unverified&overall=5&jobCategory=pharmacist', 5)).length, 0, 'none of those');
    });

    it('refuses bad filter values with 400 problem+json naming each field', async () => {
      const cases: [string, string[]][] = [
        ['tier=gold', ['tier']],
        ['tier=', ['tier']],
        ['jobCategory=chef', ['jobCategory']],
        ['jobCategory=NURSE', ['jobCategory']],
        ['overall=0', ['overall']],
        ['overall=6', ['overall']],
        ['overall=4.5', ['overall']],
        ['overall=five', ['overall']],
        ['overall=%205', ['overall']],
        ['overall=0x3', ['overall']],
        ['sort=best', ['sort']],
        ['tier=all&jobCategory=x&overall=9&sort=worst', ['jobCategory', 'overall', 'sort', 'tier']],
      ];
      for (const [query, expectedFields] of cases) {
        const res = await h.api.get(`${API}/${hospitalId}/reviews?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
        assert.deepEqual(fields(res.body), expectedFields, query);
      }
    });

    it('refuses a cursor given out for another sort or other filters, and forged ones, naming the cursor', async () => {
      const first = (query: string) => h.api.get(`${API}/${hospitalId}/reviews?${query}&limit=2`);
      const highest = (await first('sort=highest')).body.nextCursor as string;
      const verified = (await first('tier=verified')).body.nextCursor as string;
      const anchorId = written[0]?.id as string;
      const misuses: [string, string][] = [
        ['sort=lowest', highest],
        ['sort=latest', highest],
        ['sort=highest&overall=5', highest],
        ['', verified],
        ['tier=unverified', verified],
        ['tier=verified&jobCategory=nurse', verified],
        // Forged: the old id-only form, garbage, and a list key with a review of another hospital.
        ['sort=highest', pageCursor([anchorId])],
        ['sort=highest', 'bm90LWEtY3Vyc29y'],
        ['sort=highest', pageCursor(['highest|||', '00000000-0000-4000-8000-000000000000'])],
        ['sort=highest', pageCursor(['highest|||', 7])],
      ];
      for (const [query, cursor] of misuses) {
        const res = await h.api.get(`${API}/${hospitalId}/reviews?${query}&cursor=${cursor}`);
        assert.equal(res.status, 400, `${query} ${cursor}`);
        assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
        assert.deepEqual(fields(res.body), ['cursor'], query);
      }
      const same = await h.api.get(`${API}/${hospitalId}/reviews?sort=highest&limit=2&cursor=${highest}`);
      assert.equal(same.status, 200, 'the cursor still serves its own list');
    });
  });
});
