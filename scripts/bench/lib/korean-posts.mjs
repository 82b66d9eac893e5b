// Deterministic, realistic-looking Korean board posts for benchmarks: titles of a few words and
// bodies of about 1 KB drawn from a hospital-insider vocabulary, with a sprinkling of English terms.
// The vocabulary's frequencies are skewed like real text, so a search has common, rare and absent
// words to look for (see SEARCH_CASES).
import { random } from './random.mjs';

const COMMON = [
  '병원',
  '환자',
  '간호사',
  '보호자',
  '진료',
  '수술',
  '야간',
  '근무',
  '응급실',
  '인수인계',
  '병동',
  '교대',
  '외래',
  '대기',
  '의사',
  '처방',
  '검사',
  '입원',
  '퇴원',
  '주사',
  '약',
  '밤',
  '선배',
  '신규',
  '동기',
];
const WORDS = [
  '오늘',
  '어제',
  '정말',
  '너무',
  '그냥',
  '진짜',
  '조금',
  '많이',
  '같이',
  '먼저',
  '다시',
  '계속',
  '혹시',
  '이번',
  '다음',
  '우리',
  '저희',
  '여기',
  '거기',
  '시간',
  '사람',
  '생각',
  '문제',
  '이야기',
  '경험',
  '질문',
  '답변',
  '부탁',
  '고민',
  '상황',
  '이유',
  '방법',
  '결과',
  '부서',
  '팀장',
  '수간호사',
  '전공의',
  '인턴',
  '레지던트',
  '교수님',
  '원무과',
  '약제부',
  '영상의학과',
  '내과',
  '외과',
  '소아청소년과',
  '산부인과',
  '정형외과',
  '신경과',
  '중환자실',
  '수술실',
  '분만실',
  '회복실',
  '격리실',
  '휴게실',
  '탈의실',
  '식당',
  '월급',
  '수당',
  '연차',
  '휴가',
  '오프',
  '나이트',
  '이브닝',
  '데이',
  '스케줄',
  '인력',
  '충원',
  '퇴사',
  '이직',
  '면접',
  '합격',
  '국시',
  '보수교육',
  '실습',
  '학생',
  '프리셉터',
  '태움',
  '분위기',
  '복지',
  '주차장',
  '기숙사',
  '셔틀',
  '야식',
  '커피',
  '피곤',
  '힘들',
  '좋았',
  '괜찮',
  '감사',
  '걱정',
  '기억',
];
const ENDINGS = ['입니다.', '했어요.', '네요.', '인가요?', '같아요.', '더라고요.', '습니다.', '해요!', '거든요.'];
const ENGLISH = ['CT', 'MRI', 'ICU', 'ER', 'OR', 'EMR', 'IV', 'PRN', 'NPO', 'V/S', 'BST', 'EKG'];
/** One post in RARE_EVERY carries one rare term; no post carries an ABSENT one. */
const RARE = ['갑상선암', '척수손상', '고압산소'];
const RARE_EVERY = 20_000;

/** Query kinds the search benchmark measures, each with a term of that kind in the generated text. */
export const SEARCH_CASES = [
  { kind: 'absent', q: '양자컴퓨터' },
  { kind: 'rare', q: '고압산소' },
  { kind: 'common word', q: '인수인계' },
  { kind: '1 syllable', q: '밤' },
  { kind: '2 syllables', q: '야간' },
  { kind: 'mixed', q: 'MRI 검사' },
];

function word(next) {
  const r = next();
  if (r < 0.25) return COMMON[Math.floor(next() * next() * COMMON.length)];
  if (r < 0.27) {
    const term = ENGLISH[Math.floor(next() * ENGLISH.length)];
    return next() < 0.5 ? `${term} ${COMMON[16]}` : term;
  }
  return WORDS[Math.floor(next() * WORDS.length)];
}

function sentence(next) {
  const n = 4 + Math.floor(next() * 8);
  const words = [];
  for (let i = 0; i < n; i++) words.push(word(next));
  return `${words.join(' ')} ${ENDINGS[Math.floor(next() * ENDINGS.length)]}`;
}

/** Post number `i`: title (≤ 100 characters) and a body of about `bodyBytes` bytes of UTF-8. */
export function koreanPost(i, bodyBytes = 1000) {
  const next = random(i * 2654435761 + 1);
  const title = Array.from({ length: 2 + Math.floor(next() * 4) }, () => word(next))
    .join(' ')
    .slice(0, 90);
  const parts = [];
  let bytes = 0;
  while (bytes < bodyBytes) {
    const s = sentence(next);
    parts.push(s);
    bytes += Buffer.byteLength(s) + 1;
  }
  if (i % RARE_EVERY === 7)
    parts.splice(Math.floor(parts.length / 2), 0, `${RARE[((i / RARE_EVERY) % RARE.length) | 0]} 치료 후기`);
  return { title, body: parts.join(' ') };
}
