import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable, type Transform } from 'node:stream';
import { type Dialect, dialectOfConnection, retryingTransaction } from '@carebridge/platform';
import iconv from 'iconv-lite';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { Hospital, HospitalDepartment } from '../hospitals/hospital.entity.js';
import { searchKey } from '../hospitals/search.js';
import { parseCsvLine } from './csv-line.js';
import { detectEncoding, type SourceEncoding } from './encoding.js';
import { type ColumnMap, type HospitalRow, ImportFormatError, mapColumns, readRow } from './hospital-rows.js';

export interface Rejection {
  line: number;
  reason: string;
}

export interface ImportProgress {
  /** Lines read so far, the header included. */
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  elapsedMs: number;
}

export interface ImportSummary extends ImportProgress {
  encoding: SourceEncoding;
  /** Data rows seen (not counting the header and blank lines). */
  rows: number;
  rejections: Rejection[];
  rowsPerSecond: number;
}

export interface ImportOptions {
  batchSize?: number;
  /** Called after every batch is committed. */
  onProgress?: (progress: ImportProgress) => void;
}

const SAMPLE_BYTES = 64 * 1024;
const COMPARED: (keyof HospitalRow & keyof Hospital)[] = [
  'name',
  'type',
  'region',
  'district',
  'address',
  'postalCode',
  'phone',
  'homepage',
  'doctorCount',
  'latitude',
  'longitude',
];

/**
 * Loads the agency's hospital list. Rows are upserted by agency code in batches, each batch one
 * transaction, so a re-import updates in place and never duplicates. A bad row is reported with its
 * line number and skipped; it never stops the rest.
 */
export class HospitalImporter {
  private readonly batchSize: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: ImportOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
  }

  async importFile(path: string): Promise<ImportSummary> {
    const handle = await open(path, 'r');
    let sample: Buffer;
    try {
      const buffer = Buffer.alloc(SAMPLE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
      sample = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const encoding = detectEncoding(sample);
    return this.importStream(createReadStream(path), encoding);
  }

  importBuffer(content: Buffer): Promise<ImportSummary> {
    return this.importStream(Readable.from([content]), detectEncoding(content.subarray(0, SAMPLE_BYTES)));
  }

  private async importStream(bytes: Readable, encoding: SourceEncoding): Promise<ImportSummary> {
    const started = Date.now();
    const decoded = bytes.pipe(iconv.decodeStream(encoding === 'utf-8' ? 'utf8' : 'cp949') as Transform);
    bytes.on('error', (error) => decoded.destroy(error));
    const lines = createInterface({ input: decoded, crlfDelay: Number.POSITIVE_INFINITY });
    const totals = { lines: 0, rows: 0, inserted: 0, updated: 0, unchanged: 0 };
    const rejections: Rejection[] = [];
    const seen = new Map<string, number>();
    let columns: ColumnMap | undefined;
    let width = 0;
    let batch: HospitalRow[] = [];
    const progress = (): ImportProgress => ({
      lines: totals.lines,
      inserted: totals.inserted,
      updated: totals.updated,
      unchanged: totals.unchanged,
      rejected: rejections.length,
      elapsedMs: Date.now() - started,
    });
    // One batch is written while the next is read and checked.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      await inFlight;
      if (batch.length === 0) return;
      const writing = this.applyBatch(batch).then((counts) => {
        totals.inserted += counts.inserted;
        totals.updated += counts.updated;
        totals.unchanged += counts.unchanged;
        this.options.onProgress?.(progress());
      });
      writing.catch(() => undefined); // surfaced by the next flush
      inFlight = writing;
      batch = [];
    };

    for await (const line of lines) {
      const lineNumber = ++totals.lines;
      if (line.trim() === '') continue;
      const fields = parseCsvLine(line);
      if (!columns) {
        if ('error' in fields)
          throw new ImportFormatError(`line ${lineNumber}: the header row is not CSV (${fields.error})`);
        columns = mapColumns(fields);
        width = fields.length;
        continue;
      }
      totals.rows++;
      if ('error' in fields) {
        rejections.push({ line: lineNumber, reason: fields.error });
        continue;
      }
      if (fields.length !== width) {
        rejections.push({ line: lineNumber, reason: `has ${fields.length} fields, the header has ${width}` });
        continue;
      }
      const row = readRow(fields, columns);
      if ('reason' in row) {
        rejections.push({ line: lineNumber, reason: row.reason });
        continue;
      }
      const firstLine = seen.get(row.agencyCode);
      if (firstLine !== undefined) {
        rejections.push({ line: lineNumber, reason: `repeats the agency code of line ${firstLine}` });
        continue;
      }
      seen.set(row.agencyCode, lineNumber);
      batch.push(row);
      if (batch.length >= this.batchSize) await flush();
    }
    if (!columns) throw new ImportFormatError('the file is empty: no header row');
    await flush();
    await inFlight;
    const summary = progress();
    return {
      ...summary,
      encoding,
      rows: totals.rows,
      rejections,
      rowsPerSecond: Math.round((totals.rows / Math.max(summary.elapsedMs, 1)) * 1000),
    };
  }

  /** One transaction: compare with what is stored, then upsert the new and changed rows. */
  private applyBatch(rows: HospitalRow[]): Promise<{ inserted: number; updated: number; unchanged: number }> {
    return retryingTransaction(this.dataSource, async (m) => {
      const existing = await m.find(Hospital, { where: { agencyCode: In(rows.map((r) => r.agencyCode)) } });
      const byCode = new Map(existing.map((h) => [h.agencyCode as string, h]));
      const storedDepartments = await departmentsByHospital(
        m,
        existing.map((h) => h.id),
      );
      const counts = { inserted: 0, updated: 0, unchanged: 0 };
      const writes: { id: string; row: HospitalRow }[] = [];
      for (const row of rows) {
        const stored = byCode.get(row.agencyCode);
        if (stored && sameData(stored, row, storedDepartments.get(stored.id) ?? [])) {
          counts.unchanged++;
          continue;
        }
        if (stored) counts.updated++;
        else counts.inserted++;
        writes.push({ id: stored?.id ?? randomUUID(), row });
      }
      if (writes.length === 0) return counts;
      const dialect = dialectOfConnection(m);
      const sql = new BulkSql(dialect);
      // The statement's own answer names the stored ids, also of rows a concurrent import created first.
      const written: { id: string; agency_code: string }[] = await m.query(
        ...sql.upsertHospitals(writes, timestamp(dialect, new Date())),
      );
      const idOf = new Map(written.map((w) => [w.agency_code, w.id]));
      // Departments are replaced on rows that existed: updated ones, or ones created meanwhile by another import.
      const generated = new Map(writes.map((w) => [w.row.agencyCode, w.id]));
      const replaced = written
        .filter((w) => byCode.has(w.agency_code) || generated.get(w.agency_code) !== w.id)
        .map((w) => w.id);
      for (const chunk of chunks(replaced, 5_000)) await m.query(...sql.deleteDepartments(chunk));
      const departments = writes.flatMap(({ row }) =>
        row.departments.map((name, position): [string, string, number] => [
          idOf.get(row.agencyCode) as string,
          name,
          position,
        ]),
      );
      for (const chunk of chunks(departments, 5_000)) await m.query(...sql.insertDepartments(chunk));
      return counts;
    });
  }
}

/** PostgreSQL types of the per-row values, in the order of UPSERT_COLUMNS. */
const UNNESTED_TYPES = [
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'int',
  'float8',
  'float8',
];
/** Columns an import writes; the rating columns and `created_at` stay the service's own on update. */
const UPSERT_COLUMNS = [
  'id',
  'agency_code',
  'name',
  'name_search',
  'type',
  'region',
  'district',
  'address',
  'postal_code',
  'phone',
  'homepage',
  'doctor_count',
  'latitude',
  'longitude',
  'created_at',
  'updated_at',
] as const;
const UPDATED_ON_CONFLICT = UPSERT_COLUMNS.filter((c) => c !== 'id' && c !== 'agency_code' && c !== 'created_at');
const RATING_COLUMNS = [
  'review_count',
  'recommend_count',
  'overall_sum',
  'care_sum',
  'honesty_sum',
  'staff_sum',
  'facilities_sum',
  'waiting_sum',
  'rating_key',
];

/**
 * Multi-row statements written out by hand: for batches of hundreds of rows TypeORM's query
 * builder spent more time assembling parameters than the database spent storing them.
 * `INSERT … ON CONFLICT … RETURNING` reads the same on PostgreSQL and SQLite (3.35+).
 */
class BulkSql {
  constructor(private readonly dialect: Dialect) {}

  upsertHospitals(writes: { id: string; row: HospitalRow }[], now: string | Date): [string, unknown[]] {
    const records = writes.map(({ id, row }) => [
      id,
      row.agencyCode,
      row.name,
      searchKey(row.name),
      row.type,
      row.region,
      row.district,
      row.address,
      row.postalCode,
      row.phone,
      row.homepage,
      row.doctorCount,
      row.latitude,
      row.longitude,
    ]);
    const onConflict =
      `ON CONFLICT (agency_code) DO UPDATE SET ${UPDATED_ON_CONFLICT.map((c) => `${c} = excluded.${c}`).join(', ')} ` +
      'RETURNING id, agency_code';
    const columns = [...UPSERT_COLUMNS, ...RATING_COLUMNS].join(', ');
    if (this.dialect === 'postgres') {
      // One array per column: a statement with 14 parameters parses and plans far faster than one with 14,000.
      const arrays = UNNESTED_TYPES.map((_, c) => records.map((record) => record[c]));
      const unnest = UNNESTED_TYPES.map((type, c) => `$${c + 1}::${type}[]`).join(', ');
      const now$ = `$${arrays.length + 1}`;
      return [
        `INSERT INTO hospitals (${columns}) SELECT u.*, ${now$}::timestamptz, ${now$}::timestamptz, ` +
          `${RATING_COLUMNS.map(() => '0').join(', ')} FROM unnest(${unnest}) AS u ${onConflict}`,
        [...arrays, now],
      ];
    }
    const params: unknown[] = [];
    const values = records.map((record) => {
      const own = [...record, now, now].map((value) => this.param(params, value));
      return `(${[...own, ...RATING_COLUMNS.map(() => '0')].join(', ')})`;
    });
    return [`INSERT INTO hospitals (${columns}) VALUES ${values.join(', ')} ${onConflict}`, params];
  }

  deleteDepartments(ids: string[]): [string, unknown[]] {
    if (this.dialect === 'postgres')
      return ['DELETE FROM hospital_departments WHERE hospital_id = ANY($1::varchar[])', [ids]];
    const params: unknown[] = [];
    const list = ids.map((id) => this.param(params, id)).join(', ');
    return [`DELETE FROM hospital_departments WHERE hospital_id IN (${list})`, params];
  }

  insertDepartments(rows: [string, string, number][]): [string, unknown[]] {
    const sql = 'INSERT INTO hospital_departments (hospital_id, name, position)';
    if (this.dialect === 'postgres') {
      return [
        `${sql} SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::int[])`,
        [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
      ];
    }
    const params: unknown[] = [];
    const values = rows.map((row) => `(${row.map((value) => this.param(params, value)).join(', ')})`);
    return [`${sql} VALUES ${values.join(', ')}`, params];
  }

  private param(params: unknown[], value: unknown): string {
    params.push(value);
    return this.dialect === 'postgres' ? `$${params.length}` : '?';
  }
}

/** A timestamp as the driver stores it: node-postgres takes a Date; SQLite keeps TypeORM's UTC text form. */
function timestamp(dialect: Dialect, date: Date): string | Date {
  return dialect === 'postgres' ? date : date.toISOString().replace('T', ' ').replace('Z', '');
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function departmentsByHospital(m: EntityManager, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await m.find(HospitalDepartment, { where: { hospitalId: In(ids) }, order: { position: 'ASC' } });
  for (const row of rows) map.set(row.hospitalId, [...(map.get(row.hospitalId) ?? []), row.name]);
  return map;
}

function sameData(stored: Hospital, row: HospitalRow, departments: string[]): boolean {
  return (
    COMPARED.every((key) => stored[key] === row[key]) &&
    departments.length === row.departments.length &&
    departments.every((d, i) => d === row.departments[i])
  );
}
