#!/usr/bin/env node
// Latency of the board's list and search over a large table in MariaDB:
//   npm run bench:board -- [--posts 10000] [--requests 1000] [--before 3] [--concurrency 1]
// Creates its own database, starts the real board service on it (its migrations build the schema,
// the Mroonga search index included when the server has it), bulk-loads realistic Korean posts of
// about 1 KB, then measures GET /api/board/posts?limit=20: the first page, a deep page via cursor,
// the popular sort, and a search of each kind. Each search is printed beside the query the service
// ran before the index (`LIKE '%q%'` over title and body, newest first), timed on the same
// database in the same run (`--before` samples each; at a million posts one takes seconds). The
// database is dropped at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { seedBoard } from './lib/board-seed.mjs';
import { mariadbAccess, startBoard } from './lib/board-service.mjs';
import { SEARCH_CASES } from './lib/korean-posts.mjs';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '1000' },
    before: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    server: { type: 'string', default: process.env.TEST_MARIADB_URL ?? 'mariadb://root@127.0.0.1:3306' },
  },
});
const posts = Number(values.posts);
const requests = Number(values.requests);
const beforeSamples = Number(values.before);
const concurrency = Number(values.concurrency);
const { access, databaseUrl } = mariadbAccess(values.server);
const dbName = `cb_bench_board_${process.pid}`;
const connect = (database) => createConnection({ ...access, database });
const admin = await connect();
const dataDir = mkdtempSync(join(tmpdir(), 'bench-board-'));

function quantiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95), p99: at(0.99), n: sorted.length };
}
const ms = (v) => `${v < 100 ? v.toFixed(2) : v.toFixed(0)} ms`;
const stats = (samples) => {
  const s = quantiles(samples);
  return `median ${ms(s.median)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)} (n=${s.n})`;
};

async function measure(url, n) {
  const samples = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const t = process.hrtime.bigint();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return samples;
}

/** The search query the service ran before the index: every visible post, title or body LIKE, newest first. */
const BEFORE_SQL = `SELECT p.id, p.board, p.title, p.excerpt, p.author_sub, p.author_nickname, p.view_count,
  p.like_count, p.comment_count, p.accepted_comment_id, p.created_at, p.updated_at FROM posts p
  WHERE p.deleted_at IS NULL AND p.hidden = 0 AND (p.title LIKE ? ESCAPE '!' OR p.body LIKE ? ESCAPE '!')
  ORDER BY p.created_at DESC, p.id DESC LIMIT ?`;
const pattern = (q) => `%${q.replace(/[!%_]/g, '!$&')}%`;

async function timeBefore(db, q, n) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await db.query(BEFORE_SQL, [pattern(q), pattern(q), 21]);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return samples;
}

async function allPages(api, q) {
  const ids = [];
  let cursor = null;
  do {
    const body = await (
      await fetch(`${api}?limit=50&q=${encodeURIComponent(q)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    ).json();
    ids.push(...body.items.map((p) => p.id));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

let child;
try {
  const [[{ version }]] = await admin.query('SELECT VERSION() AS version');
  console.log(
    `Benchmark: board list and search, ${posts.toLocaleString('en')} posts, MariaDB ${version}, Node ${process.version}`,
  );
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const board = await startBoard(databaseUrl(dbName), dataDir);
  child = board.child;
  const base = await board.base;
  console.log(`Seeding ${posts.toLocaleString('en')} posts into ${dbName}…`);
  const db = await connect(dbName);
  await seedBoard(db, posts);
  console.log(`Measuring ${requests} requests each, concurrency ${concurrency}…`);
  const api = `${base}/api/board/posts`;
  await measure(`${api}?limit=20`, 50); // warm-up
  const first = await measure(`${api}?limit=20`, requests);
  let cursor = null;
  for (let page = 0; page < 100; page++) {
    const body = await (await fetch(`${api}?limit=20${cursor ? `&cursor=${cursor}` : ''}`)).json();
    cursor = body.nextCursor;
  }
  const deep = await measure(`${api}?limit=20&cursor=${cursor}`, requests);
  const popular = await measure(`${api}?limit=20&sort=popular&board=free`, requests);
  console.log(`\nGET /api/board/posts?limit=20 over ${posts.toLocaleString('en')} posts (${concurrency} concurrent):`);
  console.log(`  first page:            ${stats(first)}`);
  console.log(`  page 101 (cursor):     ${stats(deep)}`);
  console.log(`  popular, free board:   ${stats(popular)}`);

  console.log(`\nSearch, first page of 20 (before: the LIKE scan in SQL; after: the service over HTTP):`);
  console.log(
    `  ${'kind'.padEnd(12)} ${'q'.padEnd(10)} ${'before p50'.padStart(11)} ${'before p99'.padStart(11)} ${'after p50'.padStart(10)} ${'after p99'.padStart(10)}  same matches`,
  );
  const searchRequests = Math.min(requests, 200);
  for (const { kind, q } of SEARCH_CASES) {
    const beforeTimes = quantiles(await timeBefore(db, q, beforeSamples));
    const url = `${api}?limit=20&q=${encodeURIComponent(q)}`;
    await measure(url, 5);
    const after = quantiles(await measure(url, searchRequests));
    // All matches of the scan against all pages of the service (sets: the order differs by design).
    let same = 'not compared (many matches)';
    const [[{ n }]] = await db.query(
      "SELECT COUNT(*) AS n FROM (SELECT 1 FROM posts WHERE title LIKE ? ESCAPE '!' OR body LIKE ? ESCAPE '!' LIMIT 5001) x",
      [pattern(q), pattern(q)],
    );
    if (Number(n) <= 5000) {
      const [scan] = await db.query(BEFORE_SQL, [pattern(q), pattern(q), 5001]);
      const found = await allPages(api, q);
      const a = new Set(scan.map((r) => r.id));
      same = `${a.size === found.length && found.every((id) => a.has(id)) ? 'yes' : 'NO'} (${a.size})`;
    }
    console.log(
      `  ${kind.padEnd(12)} ${q.padEnd(10)} ${ms(beforeTimes.median).padStart(11)} ${ms(beforeTimes.p99).padStart(11)} ${ms(after.median).padStart(10)} ${ms(after.p99).padStart(10)}  ${same}`,
    );
  }
  await db.end();
} finally {
  child?.kill('SIGTERM');
  if (values.keep) console.log(`Kept database ${dbName}: drop it when done.`);
  else await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
