#!/usr/bin/env node
// Latency of the board's list endpoint over a large table in MariaDB:
//   npm run bench:board -- [--posts 10000] [--requests 1000] [--concurrency 1]
// Creates its own database, seeds it, starts the real board service on it, measures
// GET /api/board/posts?limit=20 (first page, a deep page via cursor, and a search), drops the database.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '1' },
    server: { type: 'string', default: process.env.TEST_MARIADB_URL ?? 'mariadb://root@127.0.0.1:3306' },
  },
});
const posts = Number(values.posts);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const server = new URL(values.server.replace(/^mariadb:/, 'mysql:'));
const dbName = `cb_bench_board_${process.pid}`;
const admin = await createConnection({
  host: server.hostname,
  port: Number(server.port || 3306),
  user: server.username || 'root',
  password: server.password,
});
const dataDir = mkdtempSync(join(tmpdir(), 'bench-board-'));

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms (n=${sorted.length})`;
}

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

let child;
try {
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const databaseUrl = `mariadb://${server.username || 'root'}${server.password ? `:${server.password}` : ''}@${server.host}/${dbName}`;
  child = spawn(process.execPath, [join(root, 'services/board/dist/src/main.js')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const base = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`board exited with ${code}`)));
    child.on('message', (m) => m?.type === 'listening' && resolve(m.url));
  });
  console.log(`Seeding ${posts} posts into MariaDB ${dbName}…`);
  const db = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: server.username || 'root',
    password: server.password,
    database: dbName,
  });
  const words = ['병원', '응급실', '야간', '간호', '수술', '대기', '진료', '인수인계', '환자', '보호자'];
  const start = Date.now() - posts * 60_000;
  for (let i = 0; i < posts; i += 1000) {
    const rows = [];
    for (let j = i; j < Math.min(posts, i + 1000); j++) {
      const body = `${words[j % 10]} ${words[(j * 7) % 10]} 이야기 ${j}: ${'내용 '.repeat(40)}`;
      const at = new Date(start + j * 60_000);
      rows.push([
        randomUUID(),
        j % 3 ? 'free' : 'qna',
        `${words[j % 10]}에 관한 글 ${j}`,
        body,
        body.slice(0, 120),
        randomUUID(),
        `회원${j % 500}`,
        j % 97,
        j % 13,
        j % 7,
        at,
        at,
      ]);
    }
    await db.query(
      'INSERT INTO posts (id, board, title, body, excerpt, author_sub, author_nickname, view_count, like_count, comment_count, created_at, updated_at) VALUES ?',
      [rows],
    );
    process.stdout.write(`\r  ${Math.min(posts, i + 1000)}/${posts}`);
  }
  // Steady state: the optimizer sees the table as it is, as it would in production.
  await db.query('ANALYZE TABLE posts');
  await db.end();
  console.log(`\nMeasuring ${requests} requests each, concurrency ${concurrency}…`);
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
  const search = await measure(`${api}?limit=20&q=${encodeURIComponent('인수인계')}`, Math.min(requests, 200));
  console.log(`\nGET /api/board/posts?limit=20 over ${posts} posts (MariaDB, ${concurrency} concurrent):`);
  console.log(`  first page:            ${stats(first)}`);
  console.log(`  page 101 (cursor):     ${stats(deep)}`);
  console.log(`  popular, free board:   ${stats(popular)}`);
  console.log(`  search q=인수인계:      ${stats(search)}`);
} finally {
  child?.kill('SIGTERM');
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
