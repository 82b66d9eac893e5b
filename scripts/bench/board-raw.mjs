#!/usr/bin/env node
// The board service against the raw limit, in one run:
//   npm run bench:board-raw -- [--posts 10000] [--connections 32] [--seconds 10] [--profile]
// Seeds a MariaDB database of its own, starts the real board service on it and beside it a bare
// `node:http` + `mysql2` server that runs the identical SQL for GET /api/board/posts?limit=20 and
// answers the identical JSON (the service's own view functions), then loads each with wrk (Debian
// package `wrk`, installed through scripts/dev/apt-install.sh when missing) and prints both
// throughputs and their ratio. `--profile` starts the service with
// `--cpu-prof` and prints where its time went. The database is dropped at the end.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection, createPool } from 'mysql2/promise';
import { seedBoard } from './lib/board-seed.mjs';
import { mariadbAccess, startBoard } from './lib/board-service.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '10' },
    profile: { type: 'boolean', default: false },
    server: { type: 'string', default: process.env.TEST_MARIADB_URL ?? 'mariadb://root@127.0.0.1:3306' },
  },
});
if (spawnSync('wrk', ['--version']).error) {
  console.log('wrk is missing: installing the Debian package');
  spawnSync('bash', [join(root, 'scripts/dev/apt-install.sh'), 'wrk'], { stdio: 'inherit' });
  if (spawnSync('wrk', ['--version']).error) {
    console.error('wrk is needed: apt-get install wrk');
    process.exit(1);
  }
}
const { access, databaseUrl } = mariadbAccess(values.server);
const dbName = `cb_bench_board_raw_${process.pid}`;
const dataDir = mkdtempSync(join(tmpdir(), 'bench-board-raw-'));
const profileDir = mkdtempSync(join(tmpdir(), 'bench-board-prof-'));
const { toSummary } = await import(join(root, 'services/board/dist/src/posts/post-views.js'));
const { toPage } = await import(join(root, 'packages/platform/dist/src/pagination/cursor.js'));

/** What the service sends for the first page of both boards (read from its query log once). */
const LIST_SQL = `SELECT p.id AS p_id, p.board AS p_board, p.title AS p_title, p.excerpt AS p_excerpt,
  p.author_sub AS p_author_sub, p.author_nickname AS p_author_nickname, p.view_count AS p_view_count,
  p.like_count AS p_like_count, p.comment_count AS p_comment_count,
  p.accepted_comment_id AS p_accepted_comment_id, p.created_at AS p_created_at, p.updated_at AS p_updated_at
  FROM posts p WHERE p.deleted_at IS NULL AND p.hidden = ? ORDER BY p.created_at DESC, p.id DESC LIMIT 21`;

function rawServer(pool) {
  return createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname !== '/api/board/posts') {
      res.writeHead(404).end();
      return;
    }
    const [rows] = await pool.query(LIST_SQL, [false]).catch(() => [null]);
    if (!rows) {
      res.writeHead(503).end();
      return;
    }
    const posts = rows.map((r) => ({
      id: r.p_id,
      board: r.p_board,
      title: r.p_title,
      excerpt: r.p_excerpt,
      authorSub: r.p_author_sub,
      authorNickname: r.p_author_nickname,
      viewCount: r.p_view_count,
      likeCount: r.p_like_count,
      commentCount: r.p_comment_count,
      acceptedCommentId: r.p_accepted_comment_id,
      createdAt: r.p_created_at,
      updatedAt: r.p_updated_at,
    }));
    const page = toPage(
      posts,
      20,
      (p) => toSummary(p, undefined),
      (p) => [p.createdAt.toISOString(), p.id],
    );
    const body = JSON.stringify(page);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
}

function wrk(url) {
  return new Promise((resolve) => {
    const child = spawn('wrk', [`-t1`, `-c${values.connections}`, `-d${values.seconds}s`, '--latency', url]);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('close', () => {
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
      const p99 = /99%\s+([\d.]+\w+)/.exec(out)?.[1] ?? '?';
      const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? '0';
      resolve({ rps, p99, errors: Number(errors) });
    });
  });
}

/** Self time per function in a V8 CPU profile, largest first. */
function topFunctions(file, n = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const byName = new Map();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*node_modules\//, '').replace(root, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`;
    byName.set(key, (byName.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, hits]) => `    ${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
}

const admin = await createConnection(access);
let child;
let raw;
let pool;
try {
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const board = await startBoard(
    databaseUrl(dbName),
    dataDir,
    values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  child = board.child;
  const base = await board.base;
  const db = await createConnection({ ...access, database: dbName });
  console.log(`Seeding ${Number(values.posts).toLocaleString('en')} posts into ${dbName}…`);
  await seedBoard(db, Number(values.posts));
  await db.end();
  pool = createPool({ ...access, database: dbName, connectionLimit: 10, timezone: 'Z' });
  raw = rawServer(pool);
  await new Promise((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const rawBase = `http://127.0.0.1:${raw.address().port}`;
  const path = '/api/board/posts?limit=20';
  const [service, bare] = await Promise.all(
    [fetch(base + path), fetch(rawBase + path)].map((p) => p.then((r) => r.json())),
  );
  const same = JSON.stringify(service) === JSON.stringify(bare);
  console.log(`  same JSON from both: ${same ? 'yes' : 'NO'}`);
  // Warm both, then measure the raw server, the service, and the raw server again (the machine is shared).
  await wrk(rawBase + path);
  await wrk(base + path);
  const raw1 = await wrk(rawBase + path);
  const svc = await wrk(base + path);
  const raw2 = await wrk(rawBase + path);
  const rawRps = (raw1.rps + raw2.rps) / 2;
  console.log(`\nGET ${path}, wrk ${values.connections} connections × ${values.seconds} s:`);
  console.log(
    `  raw node:http + mysql2: ${rawRps.toFixed(0)} req/s (runs ${raw1.rps.toFixed(0)}, ${raw2.rps.toFixed(0)}), p99 ${raw1.p99}`,
  );
  console.log(`  board service:          ${svc.rps.toFixed(0)} req/s, p99 ${svc.p99}, non-2xx ${svc.errors}`);
  console.log(`  ratio:                  ${(svc.rps / rawRps).toFixed(2)}× the raw limit`);
} finally {
  raw?.closeAllConnections();
  raw?.close();
  await pool?.end();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
  if (values.profile) {
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (file) {
      console.log(`\nWhere the service's CPU went (self time, whole run):`);
      console.log(topFunctions(join(profileDir, file)).join('\n'));
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
}
