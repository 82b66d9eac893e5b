import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REPORT_HIDE_THRESHOLD } from '@carebridge/contracts';
import { type JsonResponse } from '@carebridge/platform/testing';
import { INTERNAL_TOKEN, type Member, reviewBody } from './hospital-harness.js';
import { API, describeHospital, fields } from './hospital-suite.js';

describeHospital('reports, moderation and account deletion', 60, ({ h, missing, admin, insider, writeReview }) => {
  describe('reports and moderation', { skip: missing }, () => {
    it('records one report per member, refuses your own review, names invalid fields', async () => {
      const hospital = await h.hospital(admin);
      const author = await insider(hospital.id);
      const review = await writeReview(hospital.id, author);
      const path = `${API}/${hospital.id}/reviews/${review.id}/reports`;
      const reporter = await h.member();
      assert.equal((await h.api.post(path, { reason: 'spam' })).status, 401);
      const first = await h.api.post(path, { reason: 'spam', detail: '광고입니다' }, { token: reporter.token });
      assert.equal(first.status, 201);
      assert.deepEqual(first.body, { received: true });
      const again = await h.api.post(path, { reason: 'abuse' }, { token: reporter.token });
      assert.equal(again.status, 409);
      assert.equal(again.body.key, 'MODERATION.ALREADY_REPORTED');
      const own = await h.api.post(path, { reason: 'spam' }, { token: author.token });
      assert.equal(own.status, 403);
      const invalid = await h.api.post(path, { reason: 'boring', detail: 'x'.repeat(501) }, { token: reporter.token });
      assert.equal(invalid.status, 400);
      assert.deepEqual(fields(invalid.body), ['detail', 'reason']);
    });

    it(`hides a review at ${REPORT_HIDE_THRESHOLD} reports; admins restore, hide and dismiss`, async () => {
      const hospital = await h.hospital(admin);
      const author = await insider(hospital.id);
      const keep = await writeReview(hospital.id, await insider(hospital.id), reviewBody({}, { overall: 5 }));
      const review = await writeReview(hospital.id, author, reviewBody({ title: '신고될 후기' }, { overall: 1 }));
      const path = `${API}/${hospital.id}/reviews/${review.id}`;
      const reporters = await Promise.all(Array.from({ length: REPORT_HIDE_THRESHOLD + 1 }, () => h.member()));
      for (const [i, reporter] of reporters.slice(0, REPORT_HIDE_THRESHOLD - 1).entries()) {
        const res = await h.api.post(
          `${path}/reports`,
          { reason: i % 2 ? 'spam' : 'abuse' },
          { token: reporter.token },
        );
        assert.equal(res.status, 201);
      }
      assert.equal((await h.api.get(path)).status, 200, 'still visible below the threshold');
      await h.api.post(`${path}/reports`, { reason: 'privacy' }, { token: (reporters[4] as Member).token });

      // Hidden: gone from lists and GET (admins and the author still see it), still in the summary.
      assert.equal((await h.api.get(path)).status, 404);
      assert.equal((await h.api.get(path, { token: author.token })).status, 404);
      const asAdmin = await h.api.get(path, { token: admin.token });
      assert.equal(asAdmin.status, 200);
      assert.equal(asAdmin.body.hidden, true);
      const mine = await h.api.get(`${API}/${hospital.id}/reviews/mine`, { token: author.token });
      assert.equal(mine.body.hidden, true);
      const list = await h.api.get(`${API}/${hospital.id}/reviews`);
      assert.deepEqual(
        list.body.items.map((r: { id: string }) => r.id),
        [keep.id],
      );
      const rating = (await h.api.get(`${API}/${hospital.id}`)).body.rating;
      assert.equal(rating.reviewCount, 2, 'reports alone never take a review out of the summary');
      assert.equal(rating.averages.overall, 3);
      assert.equal(
        (await h.api.put(`${path}/helpful`, undefined, { token: (reporters[5] as Member).token })).status,
        404,
      );

      // The queue.
      const member = await h.member();
      assert.equal((await h.api.get(`${API}/admin/reports`, { token: member.token })).status, 403);
      assert.equal((await h.api.get(`${API}/admin/reports`)).status, 401);
      const queue = await h.api.get(`${API}/admin/reports?status=open`, { token: admin.token });
      assert.equal(queue.status, 200);
      const item = queue.body.items.find((i: { targetId: string }) => i.targetId === review.id);
      assert.ok(item, 'the case is in the open queue');
      assert.equal(item.targetType, 'review');
      assert.equal(item.reportCount, REPORT_HIDE_THRESHOLD);
      assert.equal(item.reportWeight, REPORT_HIDE_THRESHOLD, 'established members weigh 1 each');
      assert.deepEqual(item.reasons, { abuse: 2, spam: 2, privacy: 1 });
      assert.equal(item.hidden, true);
      assert.equal(item.status, 'open');
      assert.equal(item.hospitalId, hospital.id);
      assert.equal(item.hospitalName, hospital.name);
      assert.match(item.excerpt, /^신고될 후기 — /);

      // Restore: visible again, counted again, case resolved.
      assert.equal(
        (await h.api.post(`${API}/admin/reports/${item.id}/resolve`, { action: 'restore' }, { token: member.token }))
          .status,
        403,
      );
      const bad = await h.api.post(
        `${API}/admin/reports/${item.id}/resolve`,
        { action: 'ban' },
        { token: admin.token },
      );
      assert.equal(bad.status, 400);
      assert.deepEqual(fields(bad.body), ['action']);
      const restored = await h.api.post(
        `${API}/admin/reports/${item.id}/resolve`,
        { action: 'restore' },
        { token: admin.token },
      );
      assert.equal(restored.status, 200);
      assert.equal(restored.body.status, 'resolved');
      assert.equal(restored.body.resolution, 'restored');
      assert.equal(restored.body.hidden, false);
      assert.equal((await h.api.get(path)).status, 200);
      assert.equal((await h.api.get(`${API}/${hospital.id}`)).body.rating.reviewCount, 2);

      // A later report is recorded but does not reopen the case or hide the review.
      const late = await h.api.post(`${path}/reports`, { reason: 'other' }, { token: (reporters[5] as Member).token });
      assert.equal(late.status, 201);
      assert.equal((await h.api.get(path)).status, 200);
      const resolved = await h.api.get(`${API}/admin/reports?status=resolved`, { token: admin.token });
      const later = resolved.body.items.find((i: { id: string }) => i.id === item.id);
      assert.equal(later.reportCount, REPORT_HIDE_THRESHOLD + 1);
      assert.equal(later.status, 'resolved');
      const open = await h.api.get(`${API}/admin/reports`, { token: admin.token });
      assert.ok(!open.body.items.some((i: { id: string }) => i.id === item.id));

      // Hide by decision, then dismiss (shows it again).
      const hidden = await h.api.post(
        `${API}/admin/reports/${item.id}/resolve`,
        { action: 'hide' },
        { token: admin.token },
      );
      assert.equal(hidden.body.resolution, 'hidden');
      assert.equal((await h.api.get(path)).status, 404);
      assert.equal((await h.api.get(`${API}/${hospital.id}`)).body.rating.reviewCount, 1);
      const dismissed = await h.api.post(
        `${API}/admin/reports/${item.id}/resolve`,
        { action: 'dismiss' },
        { token: admin.token },
      );
      assert.equal(dismissed.body.resolution, 'dismissed');
      assert.equal((await h.api.get(path)).status, 200);
      assert.equal(
        (
          await h.api.post(
            `${API}/admin/reports/00000000-0000-4000-8000-000000000000/resolve`,
            { action: 'hide' },
            { token: admin.token },
          )
        ).status,
        404,
      );
    });

    it('keeps a hidden review and its case from the author’s delete', async () => {
      const hospital = await h.hospital(admin);
      const author = await insider(hospital.id);
      const review = await writeReview(hospital.id, author);
      for (let i = 0; i < REPORT_HIDE_THRESHOLD; i++) {
        const reporter = await h.member();
        await h.api.post(
          `${API}/${hospital.id}/reviews/${review.id}/reports`,
          { reason: 'spam' },
          {
            token: reporter.token,
          },
        );
      }
      assert.equal((await h.api.get(`${API}/${hospital.id}/reviews/${review.id}`)).status, 404);
      const removed = await h.api.delete(`${API}/${hospital.id}/reviews/${review.id}`, undefined, {
        token: author.token,
      });
      assert.deepEqual([removed.status, removed.body.key], [403, 'HOSPITAL.REVIEW_MODERATED']);
      const again = await h.api.post(`${API}/${hospital.id}/reviews`, reviewBody(), { token: author.token });
      assert.equal(again.status, 409, 'no second review beside the hidden one');
      const queue = await h.api.get(`${API}/admin/reports?limit=50`, { token: admin.token });
      assert.ok(queue.body.items.some((i: { targetId: string }) => i.targetId === review.id));
    });

    it('pages the queue with cursors', async () => {
      const hospital = await h.hospital(admin);
      const reporter = await h.member();
      for (let i = 0; i < 5; i++) {
        const review = await writeReview(hospital.id, await insider(hospital.id));
        await h.api.post(
          `${API}/${hospital.id}/reviews/${review.id}/reports`,
          { reason: 'other' },
          {
            token: reporter.token,
          },
        );
      }
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res: JsonResponse = await h.api.get(`${API}/admin/reports?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
          token: admin.token,
        });
        assert.equal(res.status, 200);
        ids.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      assert.equal(new Set(ids).size, ids.length);
      assert.ok(ids.length >= 5);
      assert.deepEqual(fields((await h.api.get(`${API}/admin/reports?status=closed`, { token: admin.token })).body), [
        'status',
      ]);
    });
  });

  describe('account deletion', { skip: missing }, () => {
    it('keeps the reviews readable as a withdrawn member and leaves no account id behind', async () => {
      const hospital = await h.hospital(admin);
      const leaving = await insider(hospital.id, { jobCategory: 'doctor', insiderVerified: true });
      const review = await writeReview(hospital.id, leaving, reviewBody({ showJobCategory: true }));
      const other = await insider(hospital.id);
      const otherReview = await writeReview(hospital.id, other);
      await h.api.put(`${API}/${hospital.id}/reviews/${otherReview.id}/helpful`, undefined, { token: leaving.token });
      await h.api.post(
        `${API}/${hospital.id}/reviews/${otherReview.id}/reports`,
        { reason: 'spam' },
        {
          token: leaving.token,
        },
      );

      const path = `/internal/authors/${encodeURIComponent(leaving.sub)}`;
      assert.equal((await h.internal('DELETE', path, null)).status, 403);
      assert.equal((await h.api.delete(path, undefined, { token: admin.token })).status, 403);
      assert.equal((await h.internal('DELETE', path)).status, 204);
      assert.equal((await h.internal('DELETE', path)).status, 204, 'idempotent');

      const shown = await h.api.get(`${API}/${hospital.id}/reviews/${review.id}`);
      assert.equal(shown.status, 200);
      assert.deepEqual([shown.body.tier, shown.body.author], ['verified', { jobCategory: null }]);
      assert.equal(shown.body.body, review.body);
      const theirs = await h.api.get(`${API}/${hospital.id}/reviews/${otherReview.id}`);
      assert.equal(theirs.body.helpfulCount, 1, 'their vote still counts');
      for (const [table, column] of [
        ['reviews', 'author_sub'],
        ['review_helpful_votes', 'voter_sub'],
        ['reports', 'reporter_sub'],
      ]) {
        const [row] = await h.dataSource.query(
          `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ${h.dialect === 'postgres' ? '$1' : '?'}`,
          [leaving.sub],
        );
        assert.equal(Number(row.n), 0, `${table}.${column}`);
      }
      const [row] = await h.dataSource.query(
        `SELECT author_nickname, author_job_category FROM reviews WHERE id = ${h.dialect === 'postgres' ? '$1' : '?'}`,
        [review.id],
      );
      assert.deepEqual({ ...row }, { author_nickname: null, author_job_category: null });
      const malformed = await h.internal('DELETE', '/internal/authors/has%20spaces');
      assert.equal(malformed.status, 400);
      assert.equal(INTERNAL_TOKEN.length >= 16, true);
    });
  });
});
