import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '@carebridge/platform';
import { type JsonResponse, requireDatabaseServer } from '@carebridge/platform/testing';
import { HospitalHarness } from './hospital-harness.js';

const DIALECTS: Dialect[] = ['postgres', 'sqlite'];
const API = '/api/hospitals';

/** A small map of Seoul: names as the agency lists them, districts and departments. */
const HOSPITALS = [
  { name: '서울대학교병원', district: '종로구', type: '상급종합병원', departments: ['내과', '소아청소년과'] },
  { name: '분당서울대학교병원', region: '경기', district: '성남분당구', type: '상급종합병원', departments: ['내과'] },
  { name: '신촌세브란스병원', district: '서대문구', type: '상급종합병원', departments: ['내과', '정형외과'] },
  { name: '강남세브란스병원', district: '강남구', type: '상급종합병원', departments: ['내과'] },
  { name: '삼성서울병원', district: '강남구', type: '상급종합병원', departments: ['소아청소년과'] },
  { name: '튼튼소아청소년과의원', district: '강남구', type: '의원', departments: ['소아청소년과'] },
  { name: '강남역정형외과의원', district: '서초구', type: '의원', departments: ['정형외과'] },
  { name: '아이사랑소아과의원', district: '마포구', type: '의원', departments: ['소아청소년과'] },
  { name: '마포한의원', district: '마포구', type: '한의원', departments: ['한방내과'] },
];

for (const dialect of DIALECTS) {
  describe(`hospital search as people type it (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `hospital search e2e (${dialect})`);
    const h = new HospitalHarness(dialect);
    before(async () => {
      if (missing) return;
      await h.start();
      const admin = await h.admin();
      for (const hospital of HOSPITALS) await h.hospital(admin, { region: '서울', ...hospital });
    });
    after(() => h.stop());

    const search = async (q: string, extra = '', limit = 20) => {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const res: JsonResponse = await h.api.get(
          `${API}?q=${encodeURIComponent(q)}${extra}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        assert.equal(res.status, 200, JSON.stringify(res.body));
        names.push(...res.body.items.map((i: { name: string }) => i.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      return names;
    };

    it('finds hospitals by their short names and aliases', { skip: missing }, async () => {
      assert.deepEqual(await search('서울대병원'), ['서울대학교병원', '분당서울대학교병원']);
      assert.deepEqual(await search('세브란스'), ['신촌세브란스병원', '강남세브란스병원']);
      assert.deepEqual(await search('세브'), ['신촌세브란스병원', '강남세브란스병원'], 'an alias as it is being typed');
      assert.deepEqual(await search('삼성병원'), ['삼성서울병원']);
    });

    it('ranks names that start with the query before names that contain it', { skip: missing }, async () => {
      assert.deepEqual(await search('서울'), ['서울대학교병원', '분당서울대학교병원', '삼성서울병원']);
      assert.deepEqual(await search('강남'), ['강남세브란스병원', '강남역정형외과의원']);
    });

    it('finds the hospitals of a district, names that mention it first', { skip: missing }, async () => {
      assert.deepEqual(await search('강남구'), ['강남세브란스병원', '삼성서울병원', '튼튼소아청소년과의원']);
      assert.deepEqual(await search('마포구 소아과'), ['아이사랑소아과의원']);
      assert.deepEqual(await search('서울 강남구 소아과'), ['삼성서울병원', '튼튼소아청소년과의원']);
    });

    it('knows departments by their old names and as they are typed', { skip: missing }, async () => {
      assert.deepEqual(await search('소아과'), [
        '아이사랑소아과의원',
        '삼성서울병원',
        '서울대학교병원',
        '튼튼소아청소년과의원',
      ]);
      assert.deepEqual(await search('정형'), ['강남역정형외과의원', '신촌세브란스병원']);
    });

    it('pages through ranked results without gaps or repeats, and keeps the filters', { skip: missing }, async () => {
      for (const q of ['서울', '소아과', '강남구', '세브란스'])
        assert.deepEqual(await search(q, '', 1), await search(q), q);
      assert.deepEqual(await search('소아과', `&district=${encodeURIComponent('강남구')}`), [
        '삼성서울병원',
        '튼튼소아청소년과의원',
      ]);
      assert.deepEqual((await search('세브란스', '&sort=rating')).sort(), ['강남세브란스병원', '신촌세브란스병원']);
    });

    it('pages across rank levels: prefix, then contained, then department matches, each by name', {
      skip: missing,
    }, async () => {
      const admin = await h.admin();
      await h.hospital(admin, {
        name: '정형바른의원',
        region: '서울',
        district: '마포구',
        type: '의원',
        departments: ['정형외과'],
      });
      const page = async (cursor: string | null) => {
        const res: JsonResponse = await h.api.get(
          `${API}?q=${encodeURIComponent('정형')}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return {
          names: res.body.items.map((i: { name: string }) => i.name),
          next: res.body.nextCursor as string | null,
        };
      };
      const first = await page(null);
      const second = await page(first.next);
      const third = await page(second.next);
      assert.deepEqual(
        [first.names, second.names, third.names, third.next],
        [['정형바른의원'], ['강남역정형외과의원'], ['신촌세브란스병원'], null],
      );
      assert.deepEqual(await search('정형', '', 2), ['정형바른의원', '강남역정형외과의원', '신촌세브란스병원']);
      const forged = Buffer.from(JSON.stringify([7, '가', 'x'])).toString('base64url');
      const bad = await h.api.get(`${API}?q=${encodeURIComponent('정형')}&cursor=${forged}`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].field, 'cursor');
    });
  });
}
