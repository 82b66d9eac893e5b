#!/usr/bin/env node
// Latency of hospital name search over HTTP with 100,000 hospitals in PostgreSQL:
//   npm run bench:hospital-search -- [--rows 100000] [--requests 1000] [--concurrency 1]
// Fills a fresh database with generated hospitals (the real importer), starts the real service
// against it, warms up, then sends name searches (Korean partial names of 2 to 5 syllables, the
// first page of 20, sorted by name) and prints the median, p95 and p99 latency, overall and per
// query. Needs a built tree (`npm run build`) and PostgreSQL (BENCH_POSTGRES_URL or
// TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeHospitalCsv } from './hospital-generate.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const QUERIES = [
  '서울대',
  '연세',
  '성모',
  '강남',
  '튼튼정형',
  '한마음',
  '삼성',
  '해운대',
  '요양병원',
  '치과',
  '밝은안과',
  '행복한',
  '365',
  '아이사랑',
  // As people type them: a short form, an alias, a district, an old department name, both, a prefix.
  '서울대병원',
  '세브란스',
  '강남구',
  '소아과',
  '강남구 소아과',
  '정형',
];
const server =
  process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function sql(connectionString, text) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

function run(script, args, env, stdio = ['ignore', 'ignore', 'inherit']) {
  return spawn(process.execPath, [join(root, script), ...args], { env: { ...process.env, ...env }, stdio });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'bench-hospital-search-'));
const database = `cb_bench_hospital_${process.pid}_${randomBytes(3).toString('hex')}`;
const url = new URL(server);
url.pathname = `/${database}`;
let service;
try {
  const [{ version }] = (await sql(server, 'SELECT version()')).rows;
  console.log(
    `Benchmark: hospital name search over HTTP, ${rows.toLocaleString('en')} hospitals, Node ${process.version}`,
  );
  console.log(`  ${version.split(',')[0]}, fresh database ${database}`);
  await sql(server, `CREATE DATABASE "${database}" ENCODING 'UTF8'`);
  const file = join(dir, 'hospitals.csv');
  await writeHospitalCsv(file, rows);
  const importer = run('services/hospital/dist/src/cli/import-hospitals.js', [file], {
    DATABASE_URL: url.toString(),
    LOG_LEVEL: 'warn',
  });
  const code = await new Promise((resolve) => importer.on('close', resolve));
  if (code !== 0) throw new Error(`import exited with ${code}`);
  await sql(url.toString(), 'ANALYZE');
  const [{ n }] = (await sql(url.toString(), 'SELECT COUNT(*)::int AS n FROM hospitals')).rows;
  console.log(`  imported ${n.toLocaleString('en')} hospitals`);

  service = run(
    'services/hospital/dist/src/main.js',
    [],
    { DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    ['ignore', 'ignore', 'inherit', 'ipc'],
  );
  const base = await new Promise((resolve, reject) => {
    service.once('exit', (c) => reject(new Error(`service exited with ${c}`)));
    service.on('message', (m) => m?.type === 'listening' && resolve(m.url));
  });
  const search = async (q) => {
    const started = process.hrtime.bigint();
    const res = await fetch(`${base}/api/hospitals?q=${encodeURIComponent(q)}&limit=20`);
    const body = await res.json();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (res.status !== 200 || !Array.isArray(body.items)) throw new Error(`search ${q} answered ${res.status}`);
    return { ms, hits: body.items.length };
  };
  for (let i = 0; i < 100; i++) await search(QUERIES[i % QUERIES.length]);

  const samples = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const q = QUERIES[next++ % QUERIES.length];
      samples.push({ q, ...(await search(q)) });
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  const all = samples.map((s) => s.ms).sort((a, b) => a - b);
  console.log(`\n  per query (median / p99, first page of up to 20):`);
  for (const q of QUERIES) {
    const own = samples.filter((s) => s.q === q);
    const times = own.map((s) => s.ms).sort((a, b) => a - b);
    const width = [...q].reduce((w, c) => w + (/[\u3131-\uD79D]/.test(c) ? 2 : 1), 0);
    console.log(
      `    ${q}${' '.repeat(Math.max(1, 14 - width))}${fmt(percentile(times, 50)).padStart(8)} / ${fmt(percentile(times, 99)).padStart(8)}  (${own[0]?.hits ?? 0} hits)`,
    );
  }
  console.log(
    `\n  ${requests} searches, concurrency ${concurrency}: median ${fmt(percentile(all, 50))}, ` +
      `p95 ${fmt(percentile(all, 95))}, p99 ${fmt(percentile(all, 99))}, max ${fmt(all.at(-1))} ` +
      `(${Math.round(requests / seconds)} requests/s)`,
  );
} finally {
  if (service && service.exitCode === null) {
    const exited = new Promise((resolve) => service.once('exit', resolve));
    service.kill('SIGTERM');
    await exited;
  }
  if (!values.keep) await sql(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
  else console.log(`  kept database ${url}`);
  rmSync(dir, { recursive: true, force: true });
}
