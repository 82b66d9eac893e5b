#!/usr/bin/env node
// Import speed of the hospital service's importer on PostgreSQL:
//   npm run bench:hospital-import -- [--rows 100000] [--encoding utf-8|cp949] [--keep]
// Generates a hospital list in the agency's CSV layout, creates a fresh database, runs the real CLI
// (`npm run -w services/hospital import`) against it, then runs it again on the same file (the
// idempotent re-import: every row compared, none written). Prints rows/s of each. Needs a built
// tree (`npm run build`) and PostgreSQL (BENCH_POSTGRES_URL or TEST_POSTGRES_URL, default
// postgres://postgres@127.0.0.1:5432/postgres).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeHospitalCsv } from './hospital-generate.mjs';

const root = new URL('../..', import.meta.url).pathname;
const CLI = join(root, 'services/hospital/dist/src/cli/import-hospitals.js');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    encoding: { type: 'string', default: 'utf-8' },
    keep: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const server =
  process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql) {
  const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function runImport(file, databaseUrl) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, file, '--json'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`import exited with ${code}`));
      resolve({ summary: JSON.parse(out), wallMs: Number(process.hrtime.bigint() - started) / 1e6 });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bench-hospital-import-'));
const database = `cb_bench_hospital_${process.pid}_${randomBytes(3).toString('hex')}`;
const url = new URL(server);
url.pathname = `/${database}`;
try {
  const [{ version }] = (await admin('SELECT version()')).rows;
  const file = join(dir, `hospitals-${rows}.csv`);
  await writeHospitalCsv(file, rows, { encoding: values.encoding });
  console.log(
    `Benchmark: hospital import of ${rows.toLocaleString('en')} generated rows ` +
      `(${values.encoding}, ${(statSync(file).size / 1e6).toFixed(1)} MB), Node ${process.version}`,
  );
  console.log(`  ${version.split(',')[0]}, fresh database ${database}`);
  await admin(`CREATE DATABASE "${database}" ENCODING 'UTF8'`);
  const first = await runImport(file, url.toString());
  const again = await runImport(file, url.toString());
  const line = (label, { summary, wallMs }) =>
    console.log(
      `  ${label}: ${summary.rowsPerSecond.toLocaleString('en')} rows/s ` +
        `(${(summary.elapsedMs / 1000).toFixed(1)} s importing; ${(wallMs / 1000).toFixed(1)} s with start-up) — ` +
        `inserted ${summary.inserted}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}`,
    );
  console.log('');
  line('first import', first);
  line('re-import   ', again);
} finally {
  if (!values.keep) await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
  else console.log(`  kept database ${url}`);
  rmSync(dir, { recursive: true, force: true });
}
