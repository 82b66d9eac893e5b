import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '@carebridge/platform';
import { requireDatabaseServer } from '@carebridge/platform/testing';
import iconv from 'iconv-lite';
import { Like } from 'typeorm';
import { Hospital } from '../src/hospitals/hospital.entity.js';
import { HospitalImporter } from '../src/import/hospital-importer.js';
import { ImportFormatError } from '../src/import/hospital-rows.js';
import { SAMPLE_FILE, SampleDataLoader } from '../src/import/sample-data.js';
import { HospitalHarness, reviewBody } from './hospital-harness.js';

const API = '/api/hospitals';
const CLI = new URL('../src/cli/import-hospitals.js', import.meta.url).pathname;
const HEADER =
  '암호화요양기호,요양기관명,종별코드,종별코드명,시도코드,시도코드명,시군구코드,시군구코드명,읍면동,우편번호,주소,전화번호,병원홈페이지,개설일자,총의사수,좌표(X),좌표(Y),진료과목';

interface Fixture {
  code: string;
  name: string;
  phone?: string;
  doctors?: string;
  x?: string;
  y?: string;
  address?: string;
  departments?: string;
}

function line(f: Fixture): string {
  const address = f.address ?? '서울특별시 종로구 대학로 1';
  return [
    f.code,
    f.name,
    '31',
    '의원',
    '110000',
    '서울',
    '110100',
    '종로구',
    '혜화동',
    '03080',
    address.includes(',') ? `"${address}"` : address,
    f.phone ?? '02-000-0000',
    'www.clinic.example.kr',
    '20200101',
    f.doctors ?? '2',
    f.x ?? '126.9989',
    f.y ?? '37.5796',
    f.departments ?? '내과|가정의학과',
  ].join(',');
}

/** 21 valid hospitals and 8 broken lines (one blank line, which is no row at all). */
function fixtureLines(prefix: string, changes: Record<string, Partial<Fixture>> = {}): string[] {
  const valid = Array.from({ length: 20 }, (_, i) => {
    const code = `${prefix}-${String(i + 1).padStart(3, '0')}`;
    return { code, name: i === 0 ? `${prefix}서울대학교병원` : `${prefix}${i + 1}내과의원`, ...changes[code] };
  });
  return [
    HEADER,
    ...valid.slice(0, 10).map(line),
    `${prefix}-X1,이름만`, // line 12: too few fields
    line({ code: `${prefix}-X2`, name: '' }), // 13: no name
    line({ code: `${prefix}-X3`, name: '숫자아님의원', doctors: '열둘' }), // 14
    line({ code: `${prefix}-X4`, name: '좌표밖의원', x: '200.5' }), // 15
    '', // 16: blank, skipped
    line({ code: `${prefix}-X5`, name: '반쪽좌표의원', y: '' }), // 17
    line({ code: `${prefix}-003`, name: '중복코드의원' }), // 18: repeats line 4
    `${prefix}-X7,"따옴표가 안 닫힌 의원,31,의원,110000,서울,110100,종로구,,,,,,,,,,`, // 19
    line({ code: '', name: '코드없는의원' }), // 20
    ...valid.slice(10).map(line), // 21–30
    line({ code: `${prefix}-021`, name: `${prefix}쉼표주소의원`, address: '서울특별시 종로구 대학로 1, 2층' }), // 31
    ...(changes[`${prefix}-022`] ? [line({ code: `${prefix}-022`, name: `${prefix}새로생긴의원` })] : []),
  ];
}

const EXPECTED_REJECTIONS: [number, RegExp][] = [
  [12, /has 2 fields, the header has 18/],
  [13, /요양기관명 is empty/],
  [14, /총의사수 is not a whole number/],
  [15, /좌표\(X\) is not a coordinate/],
  [17, /좌표\(X\) and 좌표\(Y\) must both be given/],
  [18, /repeats the agency code of line 4/],
  [19, /quoted field is not closed/],
  [20, /암호화요양기호 is empty/],
];

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

for (const dialect of ['postgres', 'sqlite'] as Dialect[]) {
  describe(`hospital import (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `hospital import e2e (${dialect})`);
    // On PostgreSQL the sample loader is switched on, to show it never touches a real database.
    const h = new HospitalHarness(dialect, dialect === 'postgres' ? { LOAD_SAMPLE_DATA: 'true' } : {});
    const dir = mkdtempSync(join(tmpdir(), 'hospital-import-'));
    const cliEnv = (): Record<string, string> => (h.db.url ? { DATABASE_URL: h.db.url } : { DATA_DIR: h.db.dataDir });
    const count = (prefix: string) => h.dataSource.manager.countBy(Hospital, { agencyCode: Like(`${prefix}-%`) });
    const importer = (batchSize = 7) => new HospitalImporter(h.dataSource, { batchSize });
    before(async () => {
      if (!missing) await h.start();
    });
    after(async () => {
      await h.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('starts a real database empty: the sample is only for the embedded store', { skip: missing }, async () => {
      if (dialect === 'postgres') assert.equal(await h.dataSource.manager.count(Hospital), 0);
    });

    it('imports a UTF-8 file with a BOM through the CLI, reporting bad rows by line', { skip: missing }, async () => {
      const file = join(dir, 'utf8-bom.csv');
      writeFileSync(file, `\uFEFF${fixtureLines('UTF').join('\r\n')}\r\n`);
      const { code, stdout, stderr } = await runCli([file], cliEnv());
      assert.equal(code, 0, stderr);
      assert.match(stderr, /^Importing .*utf8-bom\.csv into /m);
      assert.match(stderr, /lines: \d+ inserted/, 'progress on stderr');
      assert.match(stdout, /\(UTF-8\)/);
      assert.match(stdout, /rows: {6}29\n/);
      assert.match(stdout, /inserted: {2}21\n/);
      assert.match(stdout, /rejected: {2}8\n/);
      for (const [lineNumber, reason] of EXPECTED_REJECTIONS) {
        const listed = stdout.split('\n').find((l) => l.startsWith(`  line ${lineNumber}: `));
        assert.ok(listed, `line ${lineNumber} is reported`);
        assert.match(listed, reason);
      }
      assert.equal(await count('UTF'), 21);

      const found = await h.api.get(`${API}?q=${encodeURIComponent('UTF서울대')}`);
      assert.equal(found.body.items.length, 1);
      const detail = await h.api.get(`${API}/${found.body.items[0].id}`);
      assert.equal(detail.body.name, 'UTF서울대학교병원');
      assert.equal(detail.body.type, '의원');
      assert.equal(detail.body.region, '서울');
      assert.equal(detail.body.district, '종로구');
      assert.equal(detail.body.homepage, 'http://www.clinic.example.kr');
      assert.equal(detail.body.doctorCount, 2);
      assert.deepEqual(detail.body.coordinates, { latitude: 37.5796, longitude: 126.9989 });
      assert.deepEqual(detail.body.departments, ['내과', '가정의학과']);
      const comma = await h.api.get(`${API}?q=${encodeURIComponent('UTF쉼표주소')}`);
      assert.equal(comma.body.items[0].address, '서울특별시 종로구 대학로 1, 2층');
    });

    it('re-imports the same file without duplicating or changing anything', { skip: missing }, async () => {
      const hospital = await h.dataSource.manager.findOneByOrFail(Hospital, { agencyCode: 'UTF-001' });
      const summary = await importer().importBuffer(Buffer.from(`\uFEFF${fixtureLines('UTF').join('\n')}`));
      assert.deepEqual(
        {
          inserted: summary.inserted,
          updated: summary.updated,
          unchanged: summary.unchanged,
          rejected: summary.rejected,
        },
        { inserted: 0, updated: 0, unchanged: 21, rejected: 8 },
      );
      assert.equal(await count('UTF'), 21);
      const again = await h.dataSource.manager.findOneByOrFail(Hospital, { agencyCode: 'UTF-001' });
      assert.equal(again.id, hospital.id, 'ids are stable across imports');
      assert.equal(again.updatedAt.getTime(), hospital.updatedAt.getTime());
    });

    it('reads EUC-KR (CP949) files, updates changed rows and keeps their reviews', { skip: missing }, async () => {
      const first = await importer().importBuffer(iconv.encode(fixtureLines('EUC').join('\r\n'), 'cp949'));
      assert.equal(first.encoding, 'cp949');
      assert.equal(first.inserted, 21);
      assert.deepEqual(
        first.rejections.map((r) => r.line),
        EXPECTED_REJECTIONS.map(([n]) => n),
      );
      const stored = await h.dataSource.manager.findOneByOrFail(Hospital, { agencyCode: 'EUC-001' });
      assert.equal(stored.name, 'EUC서울대학교병원', 'Korean text decoded');

      const admin = await h.admin();
      const insider = await h.member({ hospitalId: stored.id, insiderVerified: true });
      const review = await h.api.post(`${API}/${stored.id}/reviews`, reviewBody({}, { overall: 5 }), {
        token: insider.token,
      });
      assert.equal(review.status, 201);
      const edited = await h.api.patch(
        `${API}/admin/hospitals/${stored.id}`,
        { emailDomains: ['euc.example.kr'] },
        {
          token: admin.token,
        },
      );
      assert.equal(edited.status, 200);

      const changed = fixtureLines('EUC', {
        'EUC-001': { phone: '02-111-1111', departments: '내과|외과' },
        'EUC-005': { name: 'EUC이름바뀐의원' },
        'EUC-022': {},
      });
      const second = await importer().importBuffer(iconv.encode(changed.join('\n'), 'cp949'));
      assert.deepEqual(
        { inserted: second.inserted, updated: second.updated, unchanged: second.unchanged, rejected: second.rejected },
        { inserted: 1, updated: 2, unchanged: 19, rejected: 8 },
      );
      assert.equal(await count('EUC'), 22);
      const detail = await h.api.get(`${API}/${stored.id}`);
      assert.equal(detail.body.phone, '02-111-1111');
      assert.deepEqual(detail.body.departments, ['내과', '외과']);
      assert.equal(detail.body.rating.reviewCount, 1, 'the rating summary survives the import');
      assert.equal(detail.body.rating.averages.overall, 5);
      const adminView = await h.api.get(`${API}/admin/hospitals/${stored.id}`, { token: admin.token });
      assert.deepEqual(adminView.body.emailDomains, ['euc.example.kr'], 'registered domains survive the import');
      const renamed = await h.api.get(`${API}?q=${encodeURIComponent('이름바뀐')}`);
      assert.equal(renamed.body.items.length, 1);
    });

    it('rejects a row with bytes invalid in UTF-8 far into the file, and keeps the rest', {
      skip: missing,
    }, async () => {
      const rows = Array.from({ length: 800 }, (_, i) =>
        line({
          code: `BIG-${i}`,
          name: `큰파일${i}병원`,
          address: `서울특별시 종로구 아주 긴 주소 ${i}번길 ${'가'.repeat(20)}`,
        }),
      );
      const good = Buffer.from([HEADER, ...rows].join('\n'));
      assert.ok(good.length > 64 * 1024, 'the bad row lies beyond the encoding sample');
      const bad = Buffer.concat([
        good,
        Buffer.from('\nBIG-BAD,'),
        Buffer.from([0xff, 0xfe, 0x41]),
        Buffer.from(',31,의원,110000,서울,110100,종로구,,,,,,,,,,\n'),
      ]);
      const summary = await importer(250).importBuffer(bad);
      assert.equal(summary.encoding, 'utf-8');
      assert.equal(summary.inserted, 800);
      assert.deepEqual(summary.rejections, [
        { line: 802, reason: 'contains bytes that are not valid in the file’s encoding' },
      ]);
      assert.equal(await count('BIG'), 800);
    });

    it('refuses a file without the required columns, importing nothing', { skip: missing }, async () => {
      const file = join(dir, 'wrong-columns.csv');
      writeFileSync(file, '병원이름,주소\n어딘가병원,서울\n');
      const before = await h.dataSource.manager.count(Hospital);
      const cli = await runCli([file], cliEnv());
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, /lacks the column\(s\) 암호화요양기호 or 요양기호, 요양기관명, 종별코드명, 시도코드명/);
      assert.equal(await h.dataSource.manager.count(Hospital), before);
      await assert.rejects(importer().importBuffer(Buffer.from('')), ImportFormatError);
      const usage = await runCli([], cliEnv());
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /usage: npm run -w services\/hospital import -- <file\.csv>/);
      const absent = await runCli([join(dir, 'absent.csv')], cliEnv());
      assert.equal(absent.code, 1);
      assert.match(absent.stderr, /No such file/);
    });

    it('imports the bundled sample without a rejected row', { skip: missing }, async () => {
      const summary = await importer(100).importFile(SAMPLE_FILE);
      assert.equal(summary.rejected, 0, JSON.stringify(summary.rejections));
      assert.ok(summary.inserted >= 300);
      const found = await h.api.get(`${API}?q=${encodeURIComponent('서울대')}&region=${encodeURIComponent('서울')}`);
      assert.ok(found.body.items.some((i: { name: string }) => i.name === '서울대학교병원'));
    });
  });
}

describe('sample data on the embedded store', async () => {
  const h = new HospitalHarness('sqlite', { LOAD_SAMPLE_DATA: 'true' });
  before(() => h.start());
  after(() => h.stop());

  it('is loaded on the first start, so a visitor finds hospitals by Korean name and region at once', async () => {
    const regions = await h.api.get(`${API}/regions`);
    assert.ok(regions.body.total >= 300);
    assert.equal(regions.body.regions[0].name, '서울');
    const found = await h.api.get(`${API}?q=${encodeURIComponent('서울대')}`);
    assert.ok(found.body.items.some((i: { name: string }) => i.name === '서울대학교병원'));
    const seoul = await h.api.get(
      `${API}?region=${encodeURIComponent('서울')}&district=${encodeURIComponent('종로구')}`,
    );
    assert.ok(seoul.body.items.length > 0);
    assert.ok(
      seoul.body.items.every(
        (i: { region: string; district: string }) => i.region === '서울' && i.district === '종로구',
      ),
    );
  });

  it('is not loaded again once hospitals exist', async () => {
    const before = await h.dataSource.manager.count(Hospital);
    await h.service.app.get(SampleDataLoader).onApplicationBootstrap();
    assert.equal(await h.dataSource.manager.count(Hospital), before);
  });
});
