import { cleanText } from '../hospitals/search.js';

/** A valid row of the hospital list, ready to store. */
export interface HospitalRow {
  agencyCode: string;
  name: string;
  type: string;
  region: string;
  district: string | null;
  address: string | null;
  postalCode: string | null;
  phone: string | null;
  homepage: string | null;
  doctorCount: number | null;
  latitude: number | null;
  longitude: number | null;
  departments: string[];
}

type Field = Exclude<keyof HospitalRow, 'latitude' | 'longitude' | 'departments'> | 'x' | 'y' | 'departments';

/**
 * Column names of the agency's hospital list (병원정보서비스), first name preferred. `진료과목` is
 * our extension: the agency publishes departments in a separate file. Other columns are ignored.
 */
export const COLUMNS: Record<Field, readonly string[]> = {
  agencyCode: ['암호화요양기호', '요양기호'],
  name: ['요양기관명'],
  type: ['종별코드명'],
  region: ['시도코드명'],
  district: ['시군구코드명'],
  address: ['주소'],
  postalCode: ['우편번호'],
  phone: ['전화번호'],
  homepage: ['병원홈페이지', '병원URL', '홈페이지'],
  doctorCount: ['총의사수'],
  x: ['좌표(X)', 'X좌표'],
  y: ['좌표(Y)', 'Y좌표'],
  departments: ['진료과목'],
};

const REQUIRED: Field[] = ['agencyCode', 'name', 'type', 'region'];

const LIMITS: Partial<Record<Field, number>> = {
  agencyCode: 200,
  name: 200,
  type: 40,
  region: 40,
  district: 60,
  address: 500,
  postalCode: 10,
  phone: 40,
};

export type ColumnMap = Partial<Record<Field, number>>;

export class ImportFormatError extends Error {}

const normalizeHeader = (name: string) =>
  name
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .toLowerCase();

/** Finds each known column in the header row; throws naming every required column that is missing. */
export function mapColumns(header: string[]): ColumnMap {
  const positions = new Map(header.map((name, i) => [normalizeHeader(name), i] as const));
  const map: ColumnMap = {};
  for (const [field, names] of Object.entries(COLUMNS) as [Field, readonly string[]][]) {
    for (const name of names) {
      const position = positions.get(normalizeHeader(name));
      if (position !== undefined) {
        map[field] = position;
        break;
      }
    }
  }
  const missing = REQUIRED.filter((field) => map[field] === undefined);
  if (missing.length > 0) {
    throw new ImportFormatError(
      `the header row lacks the column(s) ${missing.map((f) => COLUMNS[f].join(' or ')).join(', ')}; ` +
        `found: ${header.join(', ') || '(nothing)'}`,
    );
  }
  return map;
}

/** Checks one data row; returns the row or the reason it is rejected. */
export function readRow(fields: string[], columns: ColumnMap): HospitalRow | { reason: string } {
  const problems: string[] = [];
  const text = (field: Field): string | null => {
    const position = columns[field];
    if (position === undefined) return null;
    const value = cleanText(fields[position] ?? '');
    if (value === '') return null;
    const limit = LIMITS[field];
    if (limit !== undefined && [...value].length > limit) {
      problems.push(`${COLUMNS[field][0]} is longer than ${limit} characters`);
      return null;
    }
    return value;
  };
  if (fields.some((f) => f.includes('\uFFFD'))) {
    return { reason: 'contains bytes that are not valid in the file’s encoding' };
  }
  const values = {
    agencyCode: text('agencyCode'),
    name: text('name'),
    type: text('type'),
    region: text('region'),
  };
  for (const field of REQUIRED) {
    if (values[field as keyof typeof values] === null && !problems.some((p) => p.startsWith(COLUMNS[field][0]))) {
      problems.push(`${COLUMNS[field][0]} is empty`);
    }
  }
  const doctorCount = wholeNumber(text('doctorCount'), '총의사수', problems);
  const x = decimal(text('x'), '좌표(X)', -180, 180, problems);
  const y = decimal(text('y'), '좌표(Y)', -90, 90, problems);
  if ((x === null) !== (y === null) && !problems.some((p) => p.startsWith('좌표'))) {
    problems.push('좌표(X) and 좌표(Y) must both be given or both be empty');
  }
  const row = {
    district: text('district'),
    address: text('address'),
    postalCode: text('postalCode'),
    phone: text('phone'),
    homepage: homepage(text('homepage')),
    departments: departments(text('departments')),
  };
  if (problems.length > 0) return { reason: problems.join('; ') };
  return {
    agencyCode: values.agencyCode as string,
    name: values.name as string,
    type: values.type as string,
    region: values.region as string,
    ...row,
    doctorCount,
    latitude: y,
    longitude: x,
  };
}

function wholeNumber(value: string | null, column: string, problems: string[]): number | null {
  if (value === null) return null;
  const plain = value.replaceAll(',', '');
  if (!/^\d{1,6}$/.test(plain)) {
    problems.push(`${column} is not a whole number (${JSON.stringify(value)})`);
    return null;
  }
  return Number(plain);
}

function decimal(value: string | null, column: string, min: number, max: number, problems: string[]): number | null {
  if (value === null) return null;
  const number = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number) || number < min || number > max) {
    problems.push(`${column} is not a coordinate between ${min} and ${max} (${JSON.stringify(value)})`);
    return null;
  }
  return number;
}

/** Homepages come as "www.x.or.kr" or "http://…"; anything that is not a web address is dropped. */
function homepage(value: string | null): string | null {
  if (value === null) return null;
  const candidate = /^https?:\/\//i.test(value) ? value : `http://${value}`;
  try {
    const url = new URL(candidate);
    return url.hostname.includes('.') && candidate.length <= 500 ? candidate : null;
  } catch {
    return null;
  }
}

/** `진료과목`: names separated by `|`, `,` or `;` (our extension of the layout). */
function departments(value: string | null): string[] {
  if (value === null) return [];
  const names = value
    .split(/[|,;]/)
    .map((d) => d.trim())
    .filter((d) => d.length > 0 && d.length <= 40);
  return [...new Set(names)];
}
