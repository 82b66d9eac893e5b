import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { csvField, parseCsvLine } from './csv-line.js';
import { detectEncoding } from './encoding.js';
import { ImportFormatError, mapColumns, readRow } from './hospital-rows.js';

const HEADER = [
  '암호화요양기호',
  '요양기관명',
  '종별코드명',
  '시도코드명',
  '시군구코드명',
  '주소',
  '병원홈페이지',
  '총의사수',
  '좌표(X)',
  '좌표(Y)',
  '진료과목',
];
const columns = mapColumns(HEADER);
const row = (overrides: Record<number, string> = {}) => {
  const fields = [
    'CODE1',
    ' 서울대학교병원 ',
    '상급종합병원',
    '서울',
    '종로구',
    '서울 종로구 대학로 101',
    'www.snuh.org',
    '1,520',
    '126.99',
    '37.58',
    '내과|외과, 내과',
  ];
  for (const [i, v] of Object.entries(overrides)) fields[Number(i)] = v;
  return readRow(fields, columns);
};

describe('CSV lines', () => {
  it('split quoted fields with commas and doubled quotes', () => {
    assert.deepEqual(parseCsvLine('a,"b, c","say ""hi""",,'), ['a', 'b, c', 'say "hi"', '', '']);
    assert.deepEqual(parseCsvLine(''), ['']);
  });

  it('reject broken quoting instead of reading on', () => {
    assert.deepEqual(parseCsvLine('a,"b,c'), { error: 'a quoted field is not closed' });
    assert.match((parseCsvLine('a,"b"c,d') as { error: string }).error, /after a closing quote/);
  });

  it('write fields back, quoted when needed', () => {
    assert.equal(['x', 'a,b', 'say "hi"', null].map(csvField).join(','), 'x,"a,b","say ""hi""",');
  });
});

describe('encoding detection', () => {
  it('tells UTF-8 (with or without BOM) from CP949', () => {
    assert.equal(detectEncoding(Buffer.from('\uFEFF요양기관명')), 'utf-8');
    assert.equal(detectEncoding(Buffer.from('요양기관명')), 'utf-8');
    assert.equal(detectEncoding(iconv.encode('요양기관명,서울대학교병원', 'cp949')), 'cp949');
    assert.equal(detectEncoding(Buffer.from('plain ascii')), 'utf-8');
  });

  it('accepts a character cut off at the end of the sample', () => {
    const bytes = Buffer.from('서울대학교병원');
    assert.equal(detectEncoding(bytes.subarray(0, bytes.length - 1)), 'utf-8');
  });
});

describe('hospital rows', () => {
  it('finds columns by name, whatever the order, spacing or BOM', () => {
    const map = mapColumns(['\uFEFF요양기호', '주소', '요양기관명', ' 종별코드명', '시도코드명', '좌표 (X)']);
    assert.equal(map.agencyCode, 0);
    assert.equal(map.name, 2);
    assert.equal(map.x, 5);
  });

  it('names every missing required column', () => {
    assert.throws(
      () => mapColumns(['요양기관명', '주소']),
      (e: unknown) =>
        e instanceof ImportFormatError && /암호화요양기호 or 요양기호, 종별코드명, 시도코드명/.test(e.message),
    );
  });

  it('reads and tidies a valid row', () => {
    assert.deepEqual(row(), {
      agencyCode: 'CODE1',
      name: '서울대학교병원',
      type: '상급종합병원',
      region: '서울',
      district: '종로구',
      address: '서울 종로구 대학로 101',
      postalCode: null,
      phone: null,
      homepage: 'http://www.snuh.org',
      departments: ['내과', '외과'],
      doctorCount: 1520,
      latitude: 37.58,
      longitude: 126.99,
    });
  });

  it('gives every reason a row is rejected', () => {
    assert.deepEqual(row({ 1: '', 7: '많음', 8: '500' }), {
      reason:
        '요양기관명 is empty; 총의사수 is not a whole number ("많음"); 좌표(X) is not a coordinate between -180 and 180 ("500")',
    });
    assert.deepEqual(row({ 9: '' }), { reason: '좌표(X) and 좌표(Y) must both be given or both be empty' });
    assert.match((row({ 1: '가'.repeat(201) }) as { reason: string }).reason, /요양기관명 is longer than 200/);
    assert.match((row({ 4: '종로\uFFFD' }) as { reason: string }).reason, /not valid in the file’s encoding/);
  });

  it('drops a homepage that is not a web address, keeps the row', () => {
    assert.equal((row({ 6: '없음' }) as { homepage: string | null }).homepage, null);
    assert.equal(
      (row({ 6: 'https://x.example.kr/a' }) as { homepage: string | null }).homepage,
      'https://x.example.kr/a',
    );
  });
});
