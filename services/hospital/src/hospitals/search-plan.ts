import { HOSPITAL_REGIONS } from '@carebridge/contracts';
import { searchKey } from './search.js';

/** The specialties hospitals list (진료과목), as the agency names them. */
export const DEPARTMENTS = [
  '내과',
  '신경과',
  '정신건강의학과',
  '외과',
  '정형외과',
  '신경외과',
  '심장혈관흉부외과',
  '성형외과',
  '마취통증의학과',
  '산부인과',
  '소아청소년과',
  '안과',
  '이비인후과',
  '피부과',
  '비뇨의학과',
  '영상의학과',
  '방사선종양학과',
  '병리과',
  '진단검사의학과',
  '결핵과',
  '재활의학과',
  '핵의학과',
  '가정의학과',
  '응급의학과',
  '직업환경의학과',
  '예방의학과',
  '치과',
  '한방내과',
] as const;

/** Names people still use for departments that were renamed, or say for short. */
export const DEPARTMENT_SYNONYMS: Readonly<Record<string, string>> = {
  소아과: '소아청소년과',
  정신과: '정신건강의학과',
  신경정신과: '정신건강의학과',
  흉부외과: '심장혈관흉부외과',
  방사선과: '영상의학과',
  진단방사선과: '영상의학과',
  마취과: '마취통증의학과',
  비뇨기과: '비뇨의학과',
  임상병리과: '진단검사의학과',
  산업의학과: '직업환경의학과',
  부인과: '산부인과',
  산과: '산부인과',
};

/** Short forms of names: "서울대병원" for 서울대학교병원, "경북대학병원" for 경북대학교병원. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/대병원/gu, '대학교병원'],
  [/대학병원/gu, '대학교병원'],
];

/**
 * What a typed query can mean. The hospital matches if its folded name contains `names[0]` (the
 * query itself) or an expansion of it, if an alias starting with the query names it, or if every
 * word of `filters` holds (a district, a region beside it, a department, the rest of the name).
 */
export interface HospitalSearchPlan {
  /** The query folded (`searchKey`): name prefix matches of it rank first. */
  key: string;
  /** Folded substrings of names: the query and its expanded abbreviations. */
  names: string[];
  /** Present when some word is a district or a department. */
  filters: {
    districts: string[];
    regions: string[];
    /** One list per department word: any of its departments. */
    departments: string[][];
    nameParts: string[];
  } | null;
}

export function planHospitalSearch(q: string): HospitalSearchPlan {
  const key = searchKey(q);
  const names = [key];
  for (const [pattern, full] of ABBREVIATIONS) {
    const expanded = key.replace(pattern, full);
    if (expanded !== key && !names.includes(expanded)) names.push(expanded);
  }
  const filters = {
    districts: [] as string[],
    regions: [] as string[],
    departments: [] as string[][],
    nameParts: [] as string[],
  };
  for (const word of q.split(/\s+/u).map(searchKey).filter(Boolean)) {
    const departments = departmentsFor(word);
    if (departments.length > 0) filters.departments.push(departments);
    else if ((HOSPITAL_REGIONS as readonly string[]).includes(word)) filters.regions.push(word);
    else if (isDistrict(word)) filters.districts.push(word);
    else filters.nameParts.push(word);
  }
  const meaningful = filters.departments.length > 0 || filters.districts.length > 0;
  return { key, names, filters: meaningful ? filters : null };
}

/** The departments a word names: exactly, by an old name, or as the start (two syllables or more) of either. */
export function departmentsFor(word: string): string[] {
  if ([...word].length < 2) return [];
  const found = new Set<string>();
  for (const name of DEPARTMENTS) if (name.startsWith(word)) found.add(name);
  for (const [old, name] of Object.entries(DEPARTMENT_SYNONYMS)) if (old.startsWith(word)) found.add(name);
  return [...found];
}

/** 시군구 names end in 구, 군 or 시 ("강남구", "양평군", "수원시"); the word alone is not one. */
function isDistrict(word: string): boolean {
  return /^[가-힣]{1,6}[구군시]$/u.test(word);
}
