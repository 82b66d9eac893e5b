import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type JsonResponse } from '@carebridge/platform/testing';
import { ratingKey } from '../src/reviews/rating-summaries.js';
import { reviewBody } from './hospital-harness.js';
import { API, describeHospital, fields, pageCursor } from './hospital-suite.js';

describeHospital(
  'the hospital list: admin API, email domains, search and paging',
  100,
  ({ h, missing, admin, insider, writeReview }) => {
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
        const prefix = `페이지${h.dialect}`;
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
        const prefix = `정렬${h.dialect}`;
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
          // The rating order is the Bayesian average's, read back from each hospital's shown figures.
          const bayesian = (i: (typeof paged)[number]) =>
            ratingKey(Math.round((i.rating.averages?.overall ?? 0) * i.rating.reviewCount), i.rating.reviewCount);
          const key = (i: (typeof paged)[number]) =>
            sort === 'rating'
              ? [bayesian(i), i.rating.reviewCount]
              : [i.rating.reviewCount, i.rating.averages?.overall ?? 0];
          for (let i = 1; i < paged.length; i++) {
            const [a1, a2] = key(paged[i - 1] as (typeof paged)[number]) as [number, number];
            const [b1, b2] = key(paged[i] as (typeof paged)[number]) as [number, number];
            assert.ok(a1 > b1 || (a1 === b1 && a2 >= b2), `${sort} order at ${i}`);
          }
        }
        const top = await h.api.get(`${API}?q=${encodeURIComponent(prefix)}&sort=rating&limit=1`);
        assert.equal(top.body.items[0].name, `${prefix}0병원`, '5.0 from two reviews beats 5.0 from one');
        const byRating = (
          await h.api.get(`${API}?q=${encodeURIComponent(prefix)}&sort=rating&limit=50`)
        ).body.items.map((i: { name: string }) => i.name);
        assert.ok(
          byRating.indexOf(`${prefix}2병원`) > byRating.indexOf(`${prefix}0병원`),
          'a single 5-star review ranks below two',
        );
        assert.equal(byRating.at(-1), `${prefix}4병원`, 'the hospital without reviews comes last');
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
  },
);
