import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type JsonResponse } from '@carebridge/platform/testing';
import { Hospital } from '../src/hospitals/hospital.entity.js';
import { computeTotals } from '../src/reviews/rating-summaries.js';
import { type Member, reviewBody } from './hospital-harness.js';
import { API, avg, describeHospital, fields } from './hospital-suite.js';

describeHospital(
  'reviews, their rating summary and helpful votes',
  150,
  ({ h, missing, admin, insider, writeReview }) => {
    describe('reviews', { skip: missing }, () => {
      it('lets an insider review their hospital, with tier and chosen job category but no nickname', async () => {
        const hospital = await h.hospital(admin);
        const author = await insider(hospital.id, { jobCategory: 'doctor', nickname: '외과의' });
        const created = await writeReview(hospital.id, author, reviewBody({ showJobCategory: true }));
        assert.deepEqual([created.tier, created.author], ['verified', { jobCategory: 'doctor' }]);
        assert.doesNotMatch(JSON.stringify(created), /외과의/);
        assert.match(created.createdAt, /^\d{4}-\d{2}-\d{2}$/, 'the day only');
        assert.equal(created.isMine, true);
        assert.equal(created.edited, false);
        assert.equal(created.helpfulCount, 0);
        assert.equal(created.hidden, undefined);

        const other = await insider(hospital.id, { jobCategory: 'nurse', insiderVerified: false });
        const plain = await writeReview(hospital.id, other);
        assert.deepEqual(plain.author.jobCategory, null, 'job category only when the author shows it');
        assert.equal(plain.tier, 'unverified');
        const rating = (await h.api.get(`${API}/${hospital.id}`)).body.rating;
        assert.equal(rating.reviewCount, 1, 'an unverified review is shown but not counted');

        const asVisitor = await h.api.get(`${API}/${hospital.id}/reviews/${created.id}`);
        assert.equal(asVisitor.status, 200);
        assert.equal(asVisitor.body.isMine, false);
        const asOther = await h.api.get(`${API}/${hospital.id}/reviews/${created.id}`, { token: other.token });
        assert.equal(asOther.body.isMine, false);
        const list = await h.api.get(`${API}/${hospital.id}/reviews`, { token: author.token });
        assert.deepEqual(
          list.body.items.map((r: { isMine: boolean; tier: string }) => [r.tier, r.isMine]),
          [
            ['verified', true],
            ['unverified', false],
          ],
          'verified reviews first, then the unverified ones',
        );
      });

      it('answers a visitor 401, a non-insider 403 with the reason, a second review 409', async () => {
        const hospital = await h.hospital(admin);
        const elsewhere = await h.hospital(admin);
        const visitor = await h.api.post(`${API}/${hospital.id}/reviews`, reviewBody());
        assert.equal(visitor.status, 401);

        const outsider = await insider(elsewhere.id);
        const wrong = await h.api.post(`${API}/${hospital.id}/reviews`, reviewBody(), { token: outsider.token });
        assert.equal(wrong.status, 403);
        assert.equal(wrong.body.key, 'HOSPITAL.NOT_AN_INSIDER');
        assert.match(wrong.body.detail, /Only people who work at a hospital can review it/);
        assert.match(wrong.body.detail, /another workplace/);
        const noWorkplace = await h.member({ hospitalId: null });
        const none = await h.api.post(`${API}/${hospital.id}/reviews`, reviewBody(), { token: noWorkplace.token });
        assert.equal(none.status, 403);
        assert.match(none.body.detail, /Add this hospital as your workplace/);

        const member = await insider(hospital.id);
        await writeReview(hospital.id, member);
        const second = await h.api.post(`${API}/${hospital.id}/reviews`, reviewBody(), { token: member.token });
        assert.equal(second.status, 409);
        assert.equal(second.body.key, 'HOSPITAL.ALREADY_REVIEWED');
        const unknown = await h.api.post(`${API}/00000000-0000-4000-8000-000000000000/reviews`, reviewBody(), {
          token: member.token,
        });
        assert.equal(unknown.status, 404);
      });

      it('lets exactly one of ten simultaneous reviews by one member through', async () => {
        const hospital = await h.hospital(admin);
        const member = await insider(hospital.id);
        const results = await Promise.all(
          Array.from({ length: 10 }, () =>
            h.api.post(`${API}/${hospital.id}/reviews`, reviewBody(), { token: member.token }),
          ),
        );
        assert.deepEqual(results.map((r) => r.status).sort(), [201, ...Array(9).fill(409)]);
        const detail = await h.api.get(`${API}/${hospital.id}`);
        assert.equal(detail.body.rating.reviewCount, 1);
      });

      it('names every invalid field of a review', async () => {
        const hospital = await h.hospital(admin);
        const member = await insider(hospital.id);
        const res = await h.api.post(
          `${API}/${hospital.id}/reviews`,
          {
            ratings: { overall: 6, care: 0, honesty: 2.5, staff: '3', facilities: 4, extra: 1 },
            recommend: 'yes',
            title: '   ',
            body: '너무 짧다',
            showJobCategory: 'true',
            rating: 5,
          },
          { token: member.token },
        );
        assert.equal(res.status, 400);
        assert.deepEqual(fields(res.body), [
          'body',
          'rating',
          'ratings.care',
          'ratings.extra',
          'ratings.honesty',
          'ratings.overall',
          'ratings.staff',
          'ratings.waiting',
          'recommend',
          'showJobCategory',
          'title',
        ]);
        const missingAll = await h.api.post(`${API}/${hospital.id}/reviews`, {}, { token: member.token });
        assert.deepEqual(fields(missingAll.body), ['body', 'ratings', 'recommend', 'title']);
        const tooLong = await h.api.post(
          `${API}/${hospital.id}/reviews`,
          reviewBody({ title: '가'.repeat(101), body: '나'.repeat(5001) }),
          { token: member.token },
        );
        assert.deepEqual(fields(tooLong.body), ['body', 'title']);
        const longest = await h.api.post(
          `${API}/${hospital.id}/reviews`,
          reviewBody({ title: '가'.repeat(100), body: '나'.repeat(5000) }),
          { token: member.token },
        );
        assert.equal(longest.status, 201, 'limits are inclusive and count Korean characters');
      });

      it('lets only the author edit; the edit shows at once in the summary', async () => {
        const hospital = await h.hospital(admin);
        const author = await insider(hospital.id, { jobCategory: 'pharmacist' });
        const review = await writeReview(hospital.id, author, reviewBody({}, { overall: 2 }));
        const path = `${API}/${hospital.id}/reviews/${review.id}`;
        const stranger = await insider(hospital.id);
        assert.equal((await h.api.patch(path, { title: '남의 글' })).status, 401);
        const byOther = await h.api.patch(path, { title: '남의 글' }, { token: stranger.token });
        assert.equal(byOther.status, 403);
        assert.equal(byOther.body.key, 'HOSPITAL.NOT_REVIEW_AUTHOR');
        assert.equal((await h.api.patch(path, { title: '관리자' }, { token: admin.token })).status, 403);

        const edited = await h.api.patch(
          path,
          { ratings: { overall: 5 }, recommend: false, showJobCategory: true },
          { token: author.token },
        );
        assert.equal(edited.status, 200, JSON.stringify(edited.body));
        assert.equal(edited.body.ratings.overall, 5);
        assert.equal(edited.body.ratings.care, 4, 'other ratings unchanged');
        assert.equal(edited.body.recommend, false);
        assert.equal(edited.body.title, review.title);
        assert.equal(edited.body.author.jobCategory, 'pharmacist');
        assert.equal(edited.body.edited, true);
        const summary = (await h.api.get(`${API}/${hospital.id}`)).body.rating;
        assert.equal(summary.averages.overall, 5);
        assert.equal(summary.recommendShare, 0);

        const invalid = await h.api.patch(
          path,
          { ratings: { care: 9 }, title: null, body: 'short' },
          { token: author.token },
        );
        assert.equal(invalid.status, 400);
        assert.deepEqual(fields(invalid.body), ['body', 'ratings.care', 'title']);
      });

      it('lets the author or an admin delete, nobody else; the summary follows', async () => {
        const hospital = await h.hospital(admin);
        const a = await insider(hospital.id);
        const b = await insider(hospital.id);
        const ra = await writeReview(hospital.id, a, reviewBody({}, { overall: 1 }));
        const rb = await writeReview(hospital.id, b, reviewBody({}, { overall: 5 }));
        assert.equal((await h.api.get(`${API}/${hospital.id}`)).body.rating.averages.overall, 3);
        assert.equal((await h.api.delete(`${API}/${hospital.id}/reviews/${ra.id}`)).status, 401);
        const byOther = await h.api.delete(`${API}/${hospital.id}/reviews/${ra.id}`, undefined, { token: b.token });
        assert.equal(byOther.status, 403);
        assert.equal(
          (await h.api.delete(`${API}/${hospital.id}/reviews/${ra.id}`, undefined, { token: a.token })).status,
          204,
        );
        assert.equal((await h.api.get(`${API}/${hospital.id}`)).body.rating.averages.overall, 5);
        assert.equal(
          (await h.api.delete(`${API}/${hospital.id}/reviews/${rb.id}`, undefined, { token: admin.token })).status,
          204,
        );
        assert.deepEqual((await h.api.get(`${API}/${hospital.id}`)).body.rating, {
          reviewCount: 0,
          averages: null,
          recommendCount: 0,
          recommendShare: null,
        });
        assert.equal((await h.api.get(`${API}/${hospital.id}/reviews/${ra.id}`)).status, 404);
        assert.equal(
          (await h.api.delete(`${API}/${hospital.id}/reviews/${ra.id}`, undefined, { token: a.token })).status,
          404,
        );
        // Deleted: the author may write a new one.
        await writeReview(hospital.id, a);
      });

      it("shows the caller's own review at /mine and 404 before there is one", async () => {
        const hospital = await h.hospital(admin);
        const member = await insider(hospital.id);
        const none = await h.api.get(`${API}/${hospital.id}/reviews/mine`, { token: member.token });
        assert.equal(none.status, 404);
        assert.equal(none.body.key, 'HOSPITAL.NO_REVIEW_YET');
        assert.equal((await h.api.get(`${API}/${hospital.id}/reviews/mine`)).status, 401);
        const review = await writeReview(hospital.id, member);
        const mine = await h.api.get(`${API}/${hospital.id}/reviews/mine`, { token: member.token });
        assert.equal(mine.status, 200);
        assert.equal(mine.body.id, review.id);
        assert.equal(mine.body.hidden, false);
      });

      it('keeps the summary exact: counts, every average, the share who recommend', async () => {
        const hospital = await h.hospital(admin);
        const plans = [
          { overall: 5, care: 4, honesty: 5, staff: 3, facilities: 2, waiting: 1, recommend: true },
          { overall: 2, care: 3, honesty: 1, staff: 5, facilities: 4, waiting: 2, recommend: false },
          { overall: 4, care: 4, honesty: 4, staff: 4, facilities: 5, waiting: 3, recommend: true },
        ];
        for (const { recommend, ...ratings } of plans) {
          await writeReview(hospital.id, await insider(hospital.id), reviewBody({ recommend }, ratings));
        }
        const res: JsonResponse = await h.api.get(`${API}/${hospital.id}`);
        assert.deepEqual(res.body.rating, {
          reviewCount: 3,
          averages: { overall: 3.67, care: 3.67, honesty: 3.33, staff: 4, facilities: 3.67, waiting: 2 },
          recommendCount: 2,
          recommendShare: 0.667,
        });
        const listed = await h.api.get(`${API}?q=${encodeURIComponent(hospital.name)}&limit=50`);
        const item = listed.body.items.find((i: { id: string }) => i.id === hospital.id);
        assert.deepEqual(item.rating, res.body.rating, 'lists show the same summary');
      });
    });

    describe('rating summary under concurrency', { skip: missing }, () => {
      it('stays exact under 50 concurrent creates, edits, deletes and duplicate creates', async () => {
        const hospital = await h.hospital(admin);
        const rating = (i: number) => ({
          overall: 1 + (i % 5),
          care: 1 + ((i * 3) % 5),
          honesty: 1 + ((i * 7) % 5),
          staff: 1 + ((i + 2) % 5),
          facilities: 1 + ((i * 2 + 1) % 5),
          waiting: 5 - (i % 5),
        });
        type Model = { ratings: ReturnType<typeof rating>; recommend: boolean };
        const existing: { member: Member; id: string }[] = [];
        const truth = new Map<string, Model>();
        for (let i = 0; i < 30; i++) {
          const member = await insider(hospital.id);
          const body = reviewBody({ recommend: i % 3 === 0 }, rating(i));
          const review = await writeReview(hospital.id, member, body);
          existing.push({ member, id: review.id });
          truth.set(member.sub, { ratings: rating(i), recommend: i % 3 === 0 });
        }
        const creators = await Promise.all(Array.from({ length: 20 }, () => insider(hospital.id)));
        const ops: Promise<{ kind: string; status: number }>[] = [];
        const run = (kind: string, p: Promise<{ status: number }>) =>
          ops.push(p.then((r) => ({ kind, status: r.status })));
        creators.forEach((member, i) => {
          const model = { ratings: rating(100 + i), recommend: i % 2 === 0 };
          truth.set(member.sub, model);
          const body = reviewBody({ recommend: model.recommend }, model.ratings);
          run('create', h.api.post(`${API}/${hospital.id}/reviews`, body, { token: member.token }));
          if (i < 5) run('duplicate', h.api.post(`${API}/${hospital.id}/reviews`, body, { token: member.token }));
        });
        existing.slice(0, 15).forEach(({ member, id }, i) => {
          const model = { ratings: rating(200 + i * 7), recommend: i % 2 === 1 };
          truth.set(member.sub, model);
          run(
            'edit',
            h.api.patch(
              `${API}/${hospital.id}/reviews/${id}`,
              { ratings: model.ratings, recommend: model.recommend },
              { token: member.token },
            ),
          );
        });
        existing.slice(15, 25).forEach(({ member, id }) => {
          truth.delete(member.sub);
          run('delete', h.api.delete(`${API}/${hospital.id}/reviews/${id}`, undefined, { token: member.token }));
        });
        assert.equal(ops.length, 50);
        const results = await Promise.all(ops);
        const statuses = (kind: string) =>
          results
            .filter((r) => r.kind === kind)
            .map((r) => r.status)
            .sort();
        assert.deepEqual(statuses('edit'), Array(15).fill(200));
        assert.deepEqual(statuses('delete'), Array(10).fill(204));
        assert.deepEqual([...statuses('create'), ...statuses('duplicate')].sort(), [
          ...Array(20).fill(201),
          ...Array(5).fill(409),
        ]);

        const models = [...truth.values()];
        const of = (key: keyof Model['ratings']) => avg(models.map((m) => m.ratings[key]));
        const expected = {
          reviewCount: models.length,
          averages: {
            overall: of('overall'),
            care: of('care'),
            honesty: of('honesty'),
            staff: of('staff'),
            facilities: of('facilities'),
            waiting: of('waiting'),
          },
          recommendCount: models.filter((m) => m.recommend).length,
          recommendShare: Math.round((models.filter((m) => m.recommend).length * 1000) / models.length) / 1000,
        };
        assert.equal(expected.reviewCount, 40);
        const detail = await h.api.get(`${API}/${hospital.id}`);
        assert.deepEqual(detail.body.rating, expected);
        // The stored sums equal a fresh aggregate over the reviews table.
        const stored = await h.dataSource.manager.findOneByOrFail(Hospital, { id: hospital.id });
        const fresh = await computeTotals(h.dataSource.manager, hospital.id);
        assert.deepEqual(
          {
            reviewCount: stored.reviewCount,
            recommendCount: stored.recommendCount,
            overallSum: stored.overallSum,
            careSum: stored.careSum,
            honestySum: stored.honestySum,
            staffSum: stored.staffSum,
            facilitiesSum: stored.facilitiesSum,
            waitingSum: stored.waitingSum,
            ratingKey: stored.ratingKey,
          },
          fresh,
        );
        assert.equal(
          stored.overallSum,
          models.reduce((sum, m) => sum + m.ratings.overall, 0),
        );
      });
    });

    describe('helpful votes', { skip: missing }, () => {
      it('are idempotent, refused to the author and to visitors', async () => {
        const hospital = await h.hospital(admin);
        const author = await insider(hospital.id);
        const review = await writeReview(hospital.id, author);
        const path = `${API}/${hospital.id}/reviews/${review.id}/helpful`;
        const reader = await h.member();
        assert.equal((await h.api.put(path)).status, 401);
        const own = await h.api.put(path, undefined, { token: author.token });
        assert.equal(own.status, 403);
        assert.equal(own.body.key, 'HOSPITAL.OWN_REVIEW');
        assert.equal((await h.api.delete(path, undefined, { token: author.token })).status, 403);
        for (let i = 0; i < 2; i++) {
          const res = await h.api.put(path, undefined, { token: reader.token });
          assert.equal(res.status, 200);
          assert.deepEqual(res.body, { helpful: true, helpfulCount: 1 });
        }
        const listed = await h.api.get(`${API}/${hospital.id}/reviews`, { token: reader.token });
        assert.equal(listed.body.items[0].helpfulByMe, true);
        assert.equal((await h.api.get(`${API}/${hospital.id}/reviews`)).body.items[0].helpfulByMe, false);
        for (let i = 0; i < 2; i++) {
          const res = await h.api.delete(path, undefined, { token: reader.token });
          assert.equal(res.status, 200);
          assert.deepEqual(res.body, { helpful: false, helpfulCount: 0 });
        }
        assert.equal(
          (
            await h.api.put(`${API}/${hospital.id}/reviews/00000000-0000-4000-8000-000000000000/helpful`, undefined, {
              token: reader.token,
            })
          ).status,
          404,
        );
      });

      it('count exactly under simultaneous votes', async () => {
        const hospital = await h.hospital(admin);
        const review = await writeReview(hospital.id, await insider(hospital.id));
        const path = `${API}/${hospital.id}/reviews/${review.id}/helpful`;
        const voters = await Promise.all(Array.from({ length: 12 }, () => h.member()));
        await Promise.all(
          voters.flatMap((v) => [
            h.api.put(path, undefined, { token: v.token }),
            h.api.put(path, undefined, { token: v.token }),
          ]),
        );
        await Promise.all(voters.slice(0, 4).map((v) => h.api.delete(path, undefined, { token: v.token })));
        const res: JsonResponse = await h.api.get(`${API}/${hospital.id}/reviews/${review.id}`);
        assert.equal(res.body.helpfulCount, 8);
      });
    });
  },
);
