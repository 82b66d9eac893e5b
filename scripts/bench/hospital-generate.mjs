// Generates a hospital list in the agency's CSV layout (as services/hospital imports it), with
// plausible Korean names, for the hospital benchmarks. Deterministic for a given seed.
//   node scripts/bench/hospital-generate.mjs <out.csv> [--rows 100000] [--encoding utf-8|cp949]

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { random } from './lib/random.mjs';

const HEADER =
  '암호화요양기호,요양기관명,종별코드,종별코드명,시도코드,시도코드명,시군구코드,시군구코드명,읍면동,우편번호,주소,전화번호,병원홈페이지,개설일자,총의사수,좌표(X),좌표(Y),진료과목';

const REGIONS = [
  [
    '서울',
    '110000',
    '서울특별시',
    37.55,
    126.99,
    22,
    [
      '종로구',
      '중구',
      '용산구',
      '성동구',
      '광진구',
      '동대문구',
      '중랑구',
      '성북구',
      '강북구',
      '도봉구',
      '노원구',
      '은평구',
      '서대문구',
      '마포구',
      '양천구',
      '강서구',
      '구로구',
      '금천구',
      '영등포구',
      '동작구',
      '관악구',
      '서초구',
      '강남구',
      '송파구',
      '강동구',
    ],
  ],
  [
    '부산',
    '210000',
    '부산광역시',
    35.16,
    129.06,
    8,
    [
      '중구',
      '서구',
      '동구',
      '영도구',
      '부산진구',
      '동래구',
      '남구',
      '북구',
      '해운대구',
      '사하구',
      '금정구',
      '연제구',
      '수영구',
      '사상구',
      '기장군',
    ],
  ],
  [
    '대구',
    '220000',
    '대구광역시',
    35.87,
    128.6,
    6,
    ['중구', '동구', '서구', '남구', '북구', '수성구', '달서구', '달성군'],
  ],
  [
    '인천',
    '230000',
    '인천광역시',
    37.46,
    126.7,
    5,
    ['중구', '미추홀구', '연수구', '남동구', '부평구', '계양구', '서구'],
  ],
  ['광주', '240000', '광주광역시', 35.16, 126.85, 3, ['동구', '서구', '남구', '북구', '광산구']],
  ['대전', '250000', '대전광역시', 36.35, 127.38, 3, ['동구', '중구', '서구', '유성구', '대덕구']],
  ['울산', '260000', '울산광역시', 35.54, 129.31, 2, ['중구', '남구', '동구', '북구', '울주군']],
  ['세종시', '410000', '세종특별자치시', 36.48, 127.29, 1, ['세종시']],
  [
    '경기',
    '310000',
    '경기도',
    37.4,
    127.1,
    25,
    [
      '수원장안구',
      '수원영통구',
      '성남분당구',
      '성남수정구',
      '고양일산동구',
      '용인수지구',
      '용인기흥구',
      '부천시',
      '안양동안구',
      '안산단원구',
      '화성시',
      '평택시',
      '의정부시',
      '파주시',
      '김포시',
      '남양주시',
      '시흥시',
    ],
  ],
  ['강원', '320000', '강원특별자치도', 37.75, 128.4, 3, ['춘천시', '원주시', '강릉시', '속초시']],
  ['충북', '330000', '충청북도', 36.63, 127.49, 3, ['청주상당구', '청주흥덕구', '충주시', '제천시']],
  ['충남', '340000', '충청남도', 36.66, 126.67, 4, ['천안동남구', '천안서북구', '아산시', '서산시']],
  ['전북', '350000', '전북특별자치도', 35.82, 127.15, 3, ['전주완산구', '전주덕진구', '익산시', '군산시']],
  ['전남', '360000', '전라남도', 34.82, 126.46, 3, ['목포시', '여수시', '순천시', '나주시']],
  ['경북', '370000', '경상북도', 36.2, 128.6, 4, ['포항남구', '포항북구', '경주시', '구미시', '안동시']],
  ['경남', '380000', '경상남도', 35.25, 128.4, 5, ['창원성산구', '창원의창구', '김해시', '진주시', '양산시']],
  ['제주', '390000', '제주특별자치도', 33.45, 126.55, 1, ['제주시', '서귀포시']],
];
const TYPES = [
  // name, code, weight, doctors [min, max]
  ['상급종합병원', '01', 0.05, [300, 1500]],
  ['종합병원', '11', 0.4, [40, 300]],
  ['병원', '21', 1.5, [5, 40]],
  ['요양병원', '28', 1.5, [3, 15]],
  ['정신병원', '29', 0.3, [3, 12]],
  ['의원', '31', 48, [1, 5]],
  ['치과병원', '41', 0.3, [4, 30]],
  ['치과의원', '51', 26, [1, 4]],
  ['한방병원', '92', 0.6, [3, 20]],
  ['한의원', '93', 21, [1, 3]],
  ['보건소', '71', 0.35, [1, 6]],
];
const WORDS = [
  '밝은',
  '튼튼',
  '바른',
  '참',
  '새봄',
  '하나',
  '온',
  '미소',
  '맑은',
  '푸른',
  '사랑',
  '행복한',
  '우리',
  '가족',
  '제일',
  '중앙',
  '성심',
  '다온',
  '늘푸른',
  '한마음',
  '열린',
  '좋은',
  '새길',
  '해맑은',
  '든든',
  '고운',
  '편한',
  '365',
  '누리',
  '가온',
  '한결',
  '소망',
  '봄날',
  '하늘',
  '햇살',
  '으뜸',
  '연세',
  '서울',
  '성모',
  '삼성',
  '튼튼한',
  '서울대',
  '예손',
  '숲',
  '나래',
  '이음',
  '세브란스',
  '참좋은',
  '속편한',
  '아이사랑',
];
const UNIVS = ['한빛', '가람', '누리', '새솔', '다온', '하늘', '미래', '온누리', '해오름', '서울대', '연세', '고려'];
const DEPTS = [
  '내과',
  '소아청소년과',
  '이비인후과',
  '정형외과',
  '피부과',
  '안과',
  '가정의학과',
  '산부인과',
  '비뇨의학과',
  '신경과',
  '재활의학과',
  '영상의학과',
  '정신건강의학과',
  '외과',
  '마취통증의학과',
  '성형외과',
];
const ROADS = [
  '중앙로',
  '대학로',
  '시민로',
  '문화로',
  '공원로',
  '역전로',
  '번영로',
  '희망로',
  '산업로',
  '강변로',
  '학교로',
  '구청로',
  '시장길',
  '병원로',
  '행복로',
];

function weighted(rand, items, weightOf) {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  let r = rand() * total;
  for (const item of items) {
    r -= weightOf(item);
    if (r <= 0) return item;
  }
  return items.at(-1);
}

export function* hospitalRows(count, seed = 42) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  for (let i = 1; i <= count; i++) {
    const [region, sido, regionFull, lat, lon, , districts] = weighted(rand, REGIONS, (r) => r[5]);
    const district = pick(districts);
    const [type, typeCode, , [dMin, dMax]] = weighted(rand, TYPES, (t) => t[2]);
    const word = pick(WORDS);
    const short = district.slice(0, 2);
    const dept = pick(DEPTS);
    let name;
    let departments;
    switch (type) {
      case '상급종합병원':
        name = `${pick(UNIVS)}대학교${rand() < 0.5 ? '' : short}병원`;
        departments = DEPTS;
        break;
      case '종합병원':
        name = pick([`${word}병원`, `${short}의료원`, `${word}성모병원`, `${short}${word}병원`, `${word}중앙병원`]);
        departments = DEPTS.slice(0, 8 + Math.floor(rand() * 8));
        break;
      case '병원':
        name = pick([
          `${word}병원`,
          `${word}정형외과병원`,
          `${word}여성병원`,
          `${word}아동병원`,
          `${word}재활병원`,
          `${short}${word}병원`,
        ]);
        departments = [dept, '내과'];
        break;
      case '요양병원':
        name = `${rand() < 0.5 ? short : ''}${word}요양병원`;
        departments = ['내과', '재활의학과'];
        break;
      case '정신병원':
        name = `${word}마음병원`;
        departments = ['정신건강의학과'];
        break;
      case '의원':
        name = pick([
          `${word}${dept}의원`,
          `${short}${word}${dept}의원`,
          `${word}${dept}의원`,
          `${short}역${dept}의원`,
        ]);
        departments = [dept];
        break;
      case '치과병원':
      case '치과의원':
        name = `${rand() < 0.4 ? short : ''}${word}${type}`;
        departments = ['치과'];
        break;
      case '한방병원':
      case '한의원':
        name = `${rand() < 0.4 ? short : ''}${word}${type}`;
        departments = ['한방내과', '침구과'];
        break;
      default:
        name = `${district}보건소`;
        departments = ['가정의학과'];
    }
    const branch = rand() < 0.3 ? ` ${short}점` : '';
    const address = `${regionFull} ${district} ${pick(ROADS)} ${1 + Math.floor(rand() * 400)}`;
    const phone = `0${2 + Math.floor(rand() * 60)}-${200 + Math.floor(rand() * 800)}-${1000 + Math.floor(rand() * 9000)}`;
    const homepage = rand() < 0.3 ? `www.h${i}.example.kr` : '';
    const doctors = dMin + Math.floor(rand() * (dMax - dMin + 1));
    const x = (lon + (rand() - 0.5) * 0.3).toFixed(7);
    const y = (lat + (rand() - 0.5) * 0.3).toFixed(7);
    const opened = `${1970 + Math.floor(rand() * 55)}0${1 + Math.floor(rand() * 9)}1${Math.floor(rand() * 9)}`;
    yield [
      `BENCH${String(i).padStart(7, '0')}`,
      `${name}${branch}`,
      typeCode,
      type,
      sido,
      region,
      String(Number(sido) + 100 + districts.indexOf(district) * 100),
      district,
      '',
      String(10000 + Math.floor(rand() * 53000)),
      address,
      phone,
      homepage,
      opened,
      String(doctors),
      x,
      y,
      departments.join('|'),
    ].join(',');
  }
}

/** Writes `count` rows to `path`; `cp949` needs iconv-lite (a dependency of services/hospital). */
export async function writeHospitalCsv(path, count, { encoding = 'utf-8', seed = 42 } = {}) {
  const out = createWriteStream(path);
  let encode = (text) => text;
  if (encoding !== 'utf-8') {
    const { default: iconv } = await import('iconv-lite');
    encode = (text) => iconv.encode(text, 'cp949');
  }
  const write = async (text) => {
    if (!out.write(encode(text))) await once(out, 'drain');
  };
  await write(`${HEADER}\n`);
  let chunk = [];
  for (const row of hospitalRows(count, seed)) {
    chunk.push(row);
    if (chunk.length === 1000) {
      await write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rows: { type: 'string', default: '100000' }, encoding: { type: 'string', default: 'utf-8' } },
  });
  if (positionals.length !== 1) {
    console.error('usage: node scripts/bench/hospital-generate.mjs <out.csv> [--rows N] [--encoding utf-8|cp949]');
    process.exit(2);
  }
  await writeHospitalCsv(positionals[0], Number(values.rows), { encoding: values.encoding });
  console.log(`wrote ${values.rows} rows to ${positionals[0]} (${values.encoding})`);
}
