import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API, describeHospital, fields } from './hospital-suite.js';

describeHospital("a member's own reviews (their activity page)", 10, ({ h, missing, admin, insider, writeReview }) => {
  describe('GET /me/reviews', { skip: missing }, () => {
    it('lists only the caller’s reviews, newest first, with the hospital name, paged by keyset', async () => {
      const hospitals = [await h.hospital(admin), await h.hospital(admin), await h.hospital(admin)];
      const first = await insider(hospitals[0].id);
      const written = [await writeReview(hospitals[0].id, first)];
      // The same account, moved to the next workplace each time, reviews each hospital once.
      for (const hospital of hospitals.slice(1)) {
        const moved = await insider(hospital.id, { sub: first.sub, nickname: first.nickname });
        written.push(await writeReview(hospital.id, moved));
      }
      const someoneElse = await insider(hospitals[0].id);
      await writeReview(hospitals[0].id, someoneElse);

      const one = await h.api.get(`${API}/me/reviews?limit=2`, { token: first.token });
      assert.equal(one.status, 200, JSON.stringify(one.body));
      assert.deepEqual(
        one.body.items.map((r: { id: string }) => r.id),
        [written[2].id, written[1].id],
      );
      assert.equal(one.body.items[0].hospitalName, hospitals[2].name);
      assert.equal(one.body.items[0].isMine, true);
      assert.equal(one.body.items[0].hidden, false, 'the author sees the moderation flag of their own');
      const two = await h.api.get(`${API}/me/reviews?limit=2&cursor=${one.body.nextCursor}`, { token: first.token });
      assert.deepEqual(
        two.body.items.map((r: { id: string }) => r.id),
        [written[0].id],
      );
      assert.equal(two.body.nextCursor, null);

      const theirs = await h.api.get(`${API}/me/reviews`, { token: someoneElse.token });
      assert.equal(theirs.body.items.length, 1, 'each member sees their own only');
    });

    it('needs a token (401), and refuses a cursor of another member’s list or a bad limit (400)', async () => {
      const visitor = await h.api.get(`${API}/me/reviews`);
      assert.equal(visitor.status, 401);
      assert.equal(visitor.headers.get('content-type'), 'application/problem+json; charset=utf-8');

      const hospital = await h.hospital(admin);
      const author = await insider(hospital.id);
      const review = await writeReview(hospital.id, author);
      const stranger = await h.member();
      const cursor = Buffer.from(JSON.stringify([review.id])).toString('base64url');
      const borrowed = await h.api.get(`${API}/me/reviews?cursor=${cursor}`, { token: stranger.token });
      assert.equal(borrowed.status, 400);
      assert.deepEqual(fields(borrowed.body), ['cursor']);
      const limit = await h.api.get(`${API}/me/reviews?limit=0`, { token: stranger.token });
      assert.equal(limit.status, 400);
      assert.deepEqual(fields(limit.body), ['limit']);
    });
  });
});
