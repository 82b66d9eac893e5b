import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REPORT_HIDE_THRESHOLD } from '@carebridge/contracts';
import { type Dialect, retryingTransaction } from '@carebridge/platform';
import { type JsonResponse, requireDatabaseServer } from '@carebridge/platform/testing';
import { Hospital, HospitalDepartment } from '../src/hospitals/hospital.entity.js';
import { computeTotals } from '../src/reviews/rating-summaries.js';
import { HospitalHarness, INTERNAL_TOKEN, type Member, reviewBody } from './hospital-harness.js';

// Production runs on PostgreSQL; the embedded default (no DATABASE_URL) is SQLite.
const DIALECTS: Dialect[] = ['postgres', 'sqlite'];
const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))].sort();
const API = '/api/hospitals';
const avg = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) * 100) / values.length) / 100;

for (const dialect of DIALECTS) {
  describe(`hospital service (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `hospital e2e (${dialect})`);
    const h = new HospitalHarness(dialect);
    let admin: Member;
    before(async () => {
      if (missing) return;
      await h.start();
      admin = await h.admin();
    });
    after(() => h.stop());

    /** A verified insider of `hospitalId` unless `insiderVerified: false` (the workplace only claimed). */
    const insider = (hospitalId: string, options: Parameters<HospitalHarness['member']>[0] = {}) =>
      h.member({ hospitalId, insiderVerified: true, ...options });
    const writeReview = async (hospitalId: string, member: Member, body = reviewBody()) => {
      const res = await h.api.post(`${API}/${hospitalId}/reviews`, body, { token: member.token });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };

    describe('hospitals: admin API', { skip: missing }, () => {
      it('creates a hospital with departments, coordinates and email domains', async () => {
        const res = await h.api.post(
          `${API}/admin/hospitals`,
          {
            agencyCode: 'ADMIN-0001',
            name: ' 한빛대학교병원 ',
            type: '상급종합병원',
            region: '서울',
            district: '종로구',
            address: '서울특별시 종로구 대학로 101',
            postalCode: '03080',
            phone: '02-2072-2114',
            homepage: 'https://hanbit.example.kr',
            departments: ['내과', '외과', '내과'],
            doctorCount: 1500,
            coordinates: { latitude: 37.5796, longitude: 126.9989 },
            emailDomains: ['Hanbit.example.kr', 'mail.hanbit.example.kr'],
          },
          { token: admin.token },
        );
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.match(res.body.id, /^[0-9a-f-]{36}$/);
        assert.equal(res.body.name, '한빛대학교병원');
        assert.equal(res.body.agencyCode, 'ADMIN-0001');
        assert.deepEqual(res.body.departments, ['내과', '외과']);
        assert.deepEqual(res.body.emailDomains, ['hanbit.example.kr', 'mail.hanbit.example.kr']);
        assert.deepEqual(res.body.coordinates, { latitude: 37.5796, longitude: 126.9989 });
        assert.deepEqual(res.body.rating, { reviewCount: 0, averages: null, recommendCount: 0, recommendShare: null });

        const pub = await h.api.get(`${API}/${res.body.id}`);
        assert.equal(pub.status, 200);
        assert.equal(pub.body.doctorCount, 1500);
        assert.equal(pub.body.agencyCode, undefined, 'the import key is for admins');
        assert.equal(pub.body.emailDomains, undefined, 'domains are for admins and auth');
      });

      it('edits only the fields given; null clears optional ones', async () => {
        const hospital = await h.hospital(admin, { phone: '02-000-0000', departments: ['내과'] });
        const res = await h.api.patch(
          `${API}/admin/hospitals/${hospital.id}`,
          { name: '새이름병원', phone: null, departments: ['외과', '안과'] },
          { token: admin.token },
        );
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.name, '새이름병원');
        assert.equal(res.body.phone, null);
        assert.equal(res.body.region, '서울');
        assert.deepEqual(res.body.departments, ['외과', '안과']);
        const found = await h.api.get(`${API}?q=${encodeURIComponent('새이름')}`);
        assert.ok(found.body.items.some((i: { id: string }) => i.id === hospital.id));
      });

      it('names every invalid field, and refuses null for required ones', async () => {
        const res = await h.api.post(
          `${API}/admin/hospitals`,
          {
            name: '',
            region: 7,
            homepage: 'ftp://x',
            doctorCount: -1,
            coordinates: { latitude: 100, longitude: 0 },
            emailDomains: ['not a domain'],
            bogus: true,
          },
          { token: admin.token },
        );
        assert.equal(res.status, 400);
        assert.deepEqual(fields(res.body), [
          'bogus',
          'coordinates.latitude',
          'doctorCount',
          'emailDomains',
          'homepage',
          'name',
          'region',
          'type',
        ]);
        const hospital = await h.hospital(admin);
        const nulls = await h.api.patch(
          `${API}/admin/hospitals/${hospital.id}`,
          { name: null },
          { token: admin.token },
        );
        assert.equal(nulls.status, 400);
        assert.deepEqual(fields(nulls.body), ['name']);
      });

      it('answers 409 for an agency code another hospital has', async () => {
        await h.hospital(admin, { agencyCode: 'DUP-1' });
        const res = await h.api.post(
          `${API}/admin/hospitals`,
          { agencyCode: 'DUP-1', name: '중복병원', type: '의원', region: '부산' },
          { token: admin.token },
        );
        assert.equal(res.status, 409);
        assert.equal(res.body.key, 'HOSPITAL.AGENCY_CODE_TAKEN');
        assert.deepEqual(fields(res.body), ['agencyCode']);
      });

      it('is for admins only: 401 without a token, 403 for members', async () => {
        const member = await h.member();
        const body = { name: '몰래병원', type: '의원', region: '서울' };
        assert.equal((await h.api.post(`${API}/admin/hospitals`, body)).status, 401);
        const forbidden = await h.api.post(`${API}/admin/hospitals`, body, { token: member.token });
        assert.equal(forbidden.status, 403);
        assert.equal(forbidden.body.key, 'AUTH.ROLE_REQUIRED');
        const hospital = await h.hospital(admin);
        assert.equal(
          (await h.api.patch(`${API}/admin/hospitals/${hospital.id}`, { name: 'x' }, { token: member.token })).status,
          403,
        );
        assert.equal((await h.api.get(`${API}/admin/hospitals/${hospital.id}`, { token: member.token })).status, 403);
        assert.equal(
          (
            await h.api.put(
              `${API}/admin/hospitals/${hospital.id}/email-domains`,
              { domains: [] },
              { token: member.token },
            )
          ).status,
          403,
        );
      });

      it('answers 404 for an unknown hospital and 400 naming a malformed id', async () => {
        const unknown = await h.api.get(`${API}/00000000-0000-4000-8000-000000000000`);
        assert.equal(unknown.status, 404);
        assert.equal(unknown.body.key, 'HOSPITAL.NOT_FOUND');
        const malformed = await h.api.get(`${API}/not-a-uuid`);
        assert.equal(malformed.status, 400);
        assert.deepEqual(fields(malformed.body), ['id']);
        const patch = await h.api.patch(
          `${API}/admin/hospitals/00000000-0000-4000-8000-000000000000`,
          { name: 'x' },
          { token: admin.token },
        );
        assert.equal(patch.status, 404);
      });
    });

    describe('email domains for affiliation checks', { skip: missing }, () => {
      it('lets admins replace the domains and auth read them over the internal route', async () => {
        const hospital = await h.hospital(admin, { emailDomains: ['old.example.kr'] });
        const put = await h.api.put(
          `${API}/admin/hospitals/${hospital.id}/email-domains`,
          { domains: ['snuh.example.org', 'SNUH.example.org', 'mail.snuh.example.org'] },
          { token: admin.token },
        );
        assert.equal(put.status, 200);
        assert.deepEqual(put.body, {
          hospitalId: hospital.id,
          domains: ['mail.snuh.example.org', 'snuh.example.org'],
        });
        const internal = await h.internal('GET', `/internal/hospitals/${hospital.id}/email-domains`);
        assert.equal(internal.status, 200);
        assert.deepEqual(internal.body, put.body);
      });

      it('needs the service credential, and answers 404 for an unknown hospital', async () => {
        const hospital = await h.hospital(admin);
        const path = `/internal/hospitals/${hospital.id}/email-domains`;
        assert.equal((await h.internal('GET', path, null)).status, 403);
        assert.equal((await h.internal('GET', path, 'wrong-token-wrong-token')).status, 403);
        assert.equal((await h.api.get(path, { token: admin.token })).status, 403, 'a member token is not enough');
        assert.equal(
          (await h.internal('GET', '/internal/hospitals/00000000-0000-4000-8000-000000000000/email-domains')).status,
          404,
        );
        assert.equal(
          (await h.api.get(`${API}/internal/hospitals/${hospital.id}/email-domains`)).status,
          404,
          'not reachable through the public prefix',
        );
      });
    });

    describe('search and filters', { skip: missing }, () => {
      const ids: Record<string, string> = {};
      before(async () => {
        if (missing) return;
        const make = async (key: string, fields: Record<string, unknown>) => {
          ids[key] = (await h.hospital(admin, fields)).id;
        };
        await make('snuh', {
          name: '서울대학교병원',
          type: '상급종합병원',
          region: '서울',
          district: '종로구',
          departments: ['내과', '소아청소년과'],
        });
        await make('bundang', {
          name: '분당서울대학교병원',
          type: '상급종합병원',
          region: '경기',
          district: '성남분당구',
          departments: ['내과'],
        });
        await make('samsung', { name: '삼성서울병원', type: '상급종합병원', region: '서울', district: '강남구' });
        await make('clinic', {
          name: '서울대입구역내과의원',
          type: '의원',
          region: '서울',
          district: '관악구',
          departments: ['내과'],
        });
        await make('percent', { name: '100%행복한의원', type: '한의원', region: '부산', district: '해운대구' });
        await make('english', { name: 'CHA Medical 병원', type: '병원', region: '경기', district: '성남분당구' });
      });
      const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((i) => i.name).sort();

      it('finds Korean partial names: "서울대" finds 서울대학교병원', async () => {
        const res: JsonResponse = await h.api.get(`${API}?q=${encodeURIComponent('서울대')}`);
        assert.equal(res.status, 200);
        assert.deepEqual(names(res), ['분당서울대학교병원', '서울대입구역내과의원', '서울대학교병원']);
        const item = res.body.items.find((i: { name: string }) => i.name === '서울대학교병원');
        assert.deepEqual(Object.keys(item).sort(), ['address', 'district', 'id', 'name', 'rating', 'region', 'type']);
      });

      it('ignores spaces, case and full-width letters', async () => {
        assert.deepEqual(names(await h.api.get(`${API}?q=${encodeURIComponent('삼성 서울')}`)), ['삼성서울병원']);
        assert.deepEqual(names(await h.api.get(`${API}?q=${encodeURIComponent('cha medical')}`)), ['CHA Medical 병원']);
        assert.deepEqual(names(await h.api.get(`${API}?q=${encodeURIComponent('ＣＨＡ')}`)), ['CHA Medical 병원']);
      });

      it('treats % and _ in the query as text', async () => {
        assert.deepEqual(names(await h.api.get(`${API}?q=${encodeURIComponent('100%')}`)), ['100%행복한의원']);
        assert.deepEqual((await h.api.get(`${API}?q=${encodeURIComponent('%')}`)).body.items.length, 1);
        assert.deepEqual((await h.api.get(`${API}?q=_`)).body.items, []);
      });

      it('filters by region, district, type and department, alone and together', async () => {
        const q = (params: string) => h.api.get(`${API}?q=${encodeURIComponent('서울')}&${params}`);
        assert.deepEqual(names(await q(`region=${encodeURIComponent('경기')}`)), ['분당서울대학교병원']);
        assert.deepEqual(names(await q(`district=${encodeURIComponent('강남구')}`)), ['삼성서울병원']);
        assert.deepEqual(names(await q(`type=${encodeURIComponent('의원')}`)), ['서울대입구역내과의원']);
        assert.deepEqual(names(await q(`department=${encodeURIComponent('내과')}`)), [
          '분당서울대학교병원',
          '서울대입구역내과의원',
          '서울대학교병원',
        ]);
        assert.deepEqual(
          names(
            await q(
              `department=${encodeURIComponent('내과')}&region=${encodeURIComponent('서울')}&type=${encodeURIComponent('상급종합병원')}`,
            ),
          ),
          ['서울대학교병원'],
        );
      });

      it('lists regions with their districts and counts, and types with counts', async () => {
        const res: JsonResponse = await h.api.get(`${API}/regions`);
        assert.equal(res.status, 200);
        const regions = res.body.regions as {
          name: string;
          count: number;
          districts: { name: string; count: number }[];
        }[];
        assert.equal(
          res.body.total,
          regions.reduce((sum, r) => sum + r.count, 0),
        );
        const order = regions.map((r) => r.name);
        assert.ok(order.indexOf('서울') < order.indexOf('부산') && order.indexOf('부산') < order.indexOf('경기'));
        const seoul = regions.find((r) => r.name === '서울');
        assert.ok(seoul);
        assert.equal(
          seoul.count,
          seoul.districts.reduce((sum, d) => sum + d.count, 0),
        );
        assert.equal(seoul.districts.find((d) => d.name === '관악구')?.count, 1);
        const busan = regions.find((r) => r.name === '부산');
        assert.deepEqual(busan?.districts, [{ name: '해운대구', count: 1 }]);
        const types = await h.api.get(`${API}/types`);
        assert.equal(types.status, 200);
        assert.ok(types.body.types.find((t: { name: string }) => t.name === '상급종합병원').count >= 3);
      });

      it('names invalid query parameters', async () => {
        const res: JsonResponse = await h.api.get(`${API}?q=${'가'.repeat(51)}&sort=best&limit=0&color=red`);
        assert.equal(res.status, 400);
        assert.deepEqual(fields(res.body), ['color', 'limit', 'q', 'sort']);
        const tooMany = await h.api.get(`${API}?limit=51`);
        assert.deepEqual(fields(tooMany.body), ['limit']);
        const cursor = await h.api.get(`${API}?cursor=not-a-cursor`);
        assert.equal(cursor.status, 400);
        assert.deepEqual(fields(cursor.body), ['cursor']);
        const foreign = await h.api.get(`${API}?sort=rating&cursor=${pageCursor(['a', 'b'])}`);
        assert.deepEqual(fields(foreign.body), ['cursor']);
      });
    });

    describe('pagination', { skip: missing }, () => {
      it('pages by name without duplicates or gaps while hospitals are added', async () => {
        const prefix = `페이지${dialect}`;
        const originals: string[] = [];
        for (const letter of ['가', '나', '다', '라', '마', '바', '사', '아', '자', '차', '카', '타']) {
          originals.push((await h.hospital(admin, { name: `${prefix}${letter}병원` })).id);
        }
        const seen: string[] = [];
        let cursor: string | null = null;
        let page = 0;
        do {
          const res: JsonResponse = await h.api.get(
            `${API}?q=${encodeURIComponent(prefix)}&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
          );
          assert.equal(res.status, 200);
          seen.push(...res.body.items.map((i: { id: string }) => i.id));
          cursor = res.body.nextCursor;
          // Between pages, others add hospitals before and after the reader's position.
          if (page++ < 2) {
            await h.hospital(admin, { name: `${prefix}가가병원${page}` });
            await h.hospital(admin, { name: `${prefix}하하병원${page}` });
          }
        } while (cursor);
        assert.equal(new Set(seen).size, seen.length, 'no hospital twice');
        assert.deepEqual(
          seen.filter((id) => originals.includes(id)),
          originals,
          'every original once, in name order',
        );
        assert.ok(seen.length > originals.length, 'hospitals added after the position appear');
      });

      it('keeps rating and review-count orders exact across pages', async () => {
        const prefix = `정렬${dialect}`;
        const plan = [[5, 5], [3], [5], [4, 2, 3], [], [4, 4], [2, 1], [3, 3, 3]];
        for (const [i, overalls] of plan.entries()) {
          const hospital = await h.hospital(admin, { name: `${prefix}${i}병원` });
          for (const overall of overalls)
            await writeReview(hospital.id, await insider(hospital.id), reviewBody({}, { overall }));
        }
        for (const sort of ['rating', 'reviews']) {
          const whole = await h.api.get(`${API}?q=${encodeURIComponent(prefix)}&sort=${sort}&limit=50`);
          assert.equal(whole.body.items.length, plan.length);
          const paged: { id: string; rating: { reviewCount: number; averages: { overall: number } | null } }[] = [];
          let cursor: string | null = null;
          do {
            const res: JsonResponse = await h.api.get(
              `${API}?q=${encodeURIComponent(prefix)}&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
            );
            paged.push(...res.body.items);
            cursor = res.body.nextCursor;
          } while (cursor);
          assert.deepEqual(
            paged.map((i) => i.id),
            whole.body.items.map((i: { id: string }) => i.id),
          );
          const key = (i: (typeof paged)[number]) =>
            sort === 'rating'
              ? [i.rating.averages?.overall ?? 0, i.rating.reviewCount]
              : [i.rating.reviewCount, i.rating.averages?.overall ?? 0];
          for (let i = 1; i < paged.length; i++) {
            const [a1, a2] = key(paged[i - 1] as (typeof paged)[number]) as [number, number];
            const [b1, b2] = key(paged[i] as (typeof paged)[number]) as [number, number];
            assert.ok(a1 > b1 || (a1 === b1 && a2 >= b2), `${sort} order at ${i}`);
          }
        }
        const top = await h.api.get(`${API}?q=${encodeURIComponent(prefix)}&sort=rating&limit=1`);
        assert.equal(top.body.items[0].name, `${prefix}0병원`, '5.0 from two reviews beats 5.0 from one');
      });

      it('pages reviews, latest and most helpful first, without duplicates while reviews arrive', async () => {
        const hospital = await h.hospital(admin);
        const reviews: string[] = [];
        for (let i = 0; i < 7; i++) reviews.push((await writeReview(hospital.id, await insider(hospital.id))).id);
        const expected = (await h.api.get(`${API}/${hospital.id}/reviews?limit=50`)).body.items.map(
          (i: { id: string }) => i.id,
        );
        assert.deepEqual([...expected].sort(), [...reviews].sort());
        const seen: string[] = [];
        let cursor: string | null = null;
        let first = true;
        do {
          const res: JsonResponse = await h.api.get(
            `${API}/${hospital.id}/reviews?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          );
          assert.equal(res.status, 200);
          seen.push(...res.body.items.map((i: { id: string }) => i.id));
          cursor = res.body.nextCursor;
          if (first) await writeReview(hospital.id, await insider(hospital.id));
          first = false;
        } while (cursor);
        assert.deepEqual(seen, expected, 'newest first, each once; the newcomer is above the reader');

        // Helpful: votes 3, 1, 2 on three reviews.
        const votes = [3, 0, 1, 0, 2, 0, 0];
        for (const [i, n] of votes.entries()) {
          for (let v = 0; v < n; v++) {
            const voter = await h.member();
            const res = await h.api.put(`${API}/${hospital.id}/reviews/${reviews[i]}/helpful`, undefined, {
              token: voter.token,
            });
            assert.equal(res.status, 200);
          }
        }
        const helpful: { id: string; helpfulCount: number }[] = [];
        cursor = null;
        do {
          const res: JsonResponse = await h.api.get(
            `${API}/${hospital.id}/reviews?sort=helpful&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          );
          helpful.push(...res.body.items);
          cursor = res.body.nextCursor;
        } while (cursor);
        assert.equal(helpful.length, 8);
        assert.deepEqual(
          helpful.slice(0, 3).map((r) => r.id),
          [reviews[0], reviews[4], reviews[2]],
        );
        assert.deepEqual(
          helpful.map((r) => r.helpfulCount),
          [3, 2, 1, 0, 0, 0, 0, 0],
        );
      });
    });

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
        const invalid = await h.api.post(
          path,
          { reason: 'boring', detail: 'x'.repeat(501) },
          { token: reporter.token },
        );
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
        const late = await h.api.post(
          `${path}/reports`,
          { reason: 'other' },
          { token: (reporters[5] as Member).token },
        );
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
          const res: JsonResponse = await h.api.get(
            `${API}/admin/reports?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
            {
              token: admin.token,
            },
          );
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
            `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ${dialect === 'postgres' ? '$1' : '?'}`,
            [leaving.sub],
          );
          assert.equal(Number(row.n), 0, `${table}.${column}`);
        }
        const [row] = await h.dataSource.query(
          `SELECT author_nickname, author_job_category FROM reviews WHERE id = ${dialect === 'postgres' ? '$1' : '?'}`,
          [review.id],
        );
        assert.deepEqual({ ...row }, { author_nickname: null, author_job_category: null });
        const malformed = await h.internal('DELETE', '/internal/authors/has%20spaces');
        assert.equal(malformed.status, 400);
        assert.equal(INTERNAL_TOKEN.length >= 16, true);
      });
    });

    describe('permissions', { skip: missing }, () => {
      it('answers 401 to a visitor on every write and every member-only read', async () => {
        const hospital = await h.hospital(admin);
        const review = await writeReview(hospital.id, await insider(hospital.id));
        const r = `${API}/${hospital.id}/reviews/${review.id}`;
        const calls: [string, string, unknown?][] = [
          ['POST', `${API}/${hospital.id}/reviews`, reviewBody()],
          ['GET', `${API}/${hospital.id}/reviews/mine`],
          ['PATCH', r, { title: '제목' }],
          ['DELETE', r],
          ['PUT', `${r}/helpful`],
          ['DELETE', `${r}/helpful`],
          ['POST', `${r}/reports`, { reason: 'spam' }],
          ['POST', `${API}/admin/hospitals`, { name: '병원', type: '의원', region: '서울' }],
          ['GET', `${API}/admin/hospitals/${hospital.id}`],
          ['PATCH', `${API}/admin/hospitals/${hospital.id}`, { name: '병원' }],
          ['PUT', `${API}/admin/hospitals/${hospital.id}/email-domains`, { domains: [] }],
          ['GET', `${API}/admin/reports`],
          ['POST', `${API}/admin/reports/00000000-0000-4000-8000-000000000000/resolve`, { action: 'hide' }],
        ];
        for (const [method, path, body] of calls) {
          const res = await h.api.request(method, path, body === undefined ? {} : { body });
          assert.equal(res.status, 401, `${method} ${path}`);
          assert.equal(res.body.key, 'AUTH.TOKEN_REQUIRED');
        }
        const member = await h.member();
        for (const [method, path, body] of calls.filter(([, path]) => path.includes('/admin/'))) {
          const res = await h.api.request(method, path, {
            token: member.token,
            ...(body === undefined ? {} : { body }),
          });
          assert.equal(res.status, 403, `${method} ${path}`);
        }
      });

      it('refuses an invalid token even on public routes', async () => {
        const res = await h.api.get(`${API}`, { token: 'not.a.token' });
        assert.equal(res.status, 401);
        assert.equal(res.body.key, 'AUTH.INVALID_TOKEN');
      });
    });

    describe('transactions', { skip: missing }, () => {
      it('keep concurrent writers apart: a failed one never takes a committed one with it', async () => {
        const hospital = await h.hospital(admin);
        const results = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) =>
            retryingTransaction(h.dataSource, async (m) => {
              await m.insert(HospitalDepartment, { hospitalId: hospital.id, name: `과${i}`, position: i });
              await new Promise((resolve) => setTimeout(resolve, 2));
              if (i % 3 === 0) throw new Error('changed my mind');
            }),
          ),
        );
        assert.equal(results.filter((r) => r.status === 'rejected').length, 4);
        const rows = await h.dataSource.manager.find(HospitalDepartment, { where: { hospitalId: hospital.id } });
        assert.deepEqual(
          rows.map((r) => r.position).sort((a, b) => a - b),
          [1, 2, 4, 5, 7, 8, 10, 11],
        );
      });
    });

    describe('operations', { skip: missing }, () => {
      it('is live and ready, with the database checked, and documents its API', async () => {
        assert.equal((await h.api.get('/healthz')).status, 200);
        const ready = await h.api.get('/readyz');
        assert.equal(ready.status, 200);
        assert.deepEqual(ready.body.checks.database, { ok: true });
        const doc = await h.api.get(`${API}/docs/openapi.json`);
        assert.equal(doc.status, 200);
        for (const path of [
          '/api/hospitals',
          '/api/hospitals/regions',
          '/api/hospitals/{id}',
          '/api/hospitals/{id}/reviews',
          '/api/hospitals/{id}/reviews/{reviewId}/helpful',
          '/api/hospitals/{id}/reviews/{reviewId}/reports',
          '/api/hospitals/admin/hospitals',
          '/api/hospitals/admin/reports',
        ]) {
          assert.ok(doc.body.paths[path], `documents ${path}`);
        }
        assert.ok(doc.body.paths['/api/hospitals/{id}/reviews'].post.requestBody, 'review body documented');
        assert.equal(doc.body.paths['/internal/authors/{sub}'], undefined, 'internal routes stay out of the docs');
        const metrics = await h.api.get('/metrics');
        assert.match(metrics.body, /http_request_duration_seconds/);
      });
    });

    describe('privacy', { skip: missing }, () => {
      it('never returned an account id in any response of this suite', () => {
        assert.ok(h.api.exchanges.length > 200, `scanned ${h.api.exchanges.length} responses`);
        const subs = h.members.map((m) => m.sub);
        for (const { method, path, body } of h.api.exchanges) {
          for (const sub of subs) {
            // An internal call that names the account (erasure) may see its own path echoed in a problem.
            if (path.includes(encodeURIComponent(sub))) continue;
            assert.ok(!body.includes(sub), `${method} ${path} leaked an account id`);
          }
          // (The erasure route's own parameter is called `sub`; it answers services, not members.)
          if (!path.startsWith('/internal/authors/')) {
            assert.doesNotMatch(body, /author_?sub|voter_?sub|reporter_?sub|"sub"/i, `${method} ${path}`);
          }
          assert.doesNotMatch(body, /[\w.+-]+@[\w-]+\.[\w.]+/, `${method} ${path} returned an email address`);
        }
      });

      it('never returned a member’s nickname in any response of this suite', () => {
        const nicknames = h.members.map((m) => m.nickname);
        for (const { method, path, body } of h.api.exchanges) {
          for (const nickname of nicknames) {
            assert.ok(!body.includes(`"${nickname}"`), `${method} ${path} carried the nickname ${nickname}`);
          }
        }
      });
    });
  });
}

function pageCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}
