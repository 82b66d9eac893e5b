#!/usr/bin/env node
// The services against the raw limit on their hot read paths, in one run:
//   npm run bench:hot -- [--only board-list,post-read,…] [--seconds 5] [--connections 32]
//                        [--posts 10000] [--hospitals 10000] [--reviews 40] [--profile board|hospital|auth]
// Creates databases of its own (posts in MariaDB, hospitals and reviews in PostgreSQL, auth's
// accounts in MariaDB), seeds them, starts the real services from their builds and beside them one
// bare `node:http` server that runs the identical SQL through mysql2 and pg and answers the
// identical JSON (lib/raw-hot-paths.mjs). For each endpoint it checks both bodies are equal, then
// loads the raw server, the service and the raw server again with wrk (Debian's `wrk`, installed
// when missing) and prints both throughputs, their ratio and the target of issue 16.
// `--profile <service>` runs that service under `--cpu-prof` and prints where its time went.
// The databases are dropped at the end.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection, createPool } from 'mysql2/promise';
import pg from 'pg';
import { seedBoard } from './lib/board-seed.mjs';
import { mariadbAccess, startService, stopService } from './lib/board-service.mjs';
import { profileReport } from './lib/cpu-profile.mjs';
import { importHospitals, seedReviews } from './lib/hospital-seed.mjs';
import { rawHandlers, rawServer } from './lib/raw-hot-paths.mjs';
import { ensureWrk, wrk, wrkWithCpu } from './lib/wrk.mjs';

/** Each endpoint: its service, its path (given the seeded ids) and the share of the raw figure it must reach. */
const ENDPOINTS = [
  { name: 'board-list', service: 'board', target: 0.6, path: () => '/api/board/posts?limit=20' },
  { name: 'post-read', service: 'board', target: 0.5, path: (ids) => `/api/board/posts/${ids.post}` },
  {
    name: 'hospital-search',
    service: 'hospital',
    target: 0.5,
    path: () => `/api/hospitals?q=${encodeURIComponent('강남')}&limit=20`,
  },
  { name: 'hospital-read', service: 'hospital', target: 0.5, path: (ids) => `/api/hospitals/${ids.hospital}` },
  {
    name: 'reviews',
    service: 'hospital',
    target: 0.5,
    path: (ids) => `/api/hospitals/${ids.hospital}/reviews?limit=20`,
  },
  { name: 'jwks', service: 'auth', target: 0.5, path: () => '/api/auth/.well-known/jwks.json' },
];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    posts: { type: 'string', default: '10000' },
    hospitals: { type: 'string', default: '10000' },
    reviews: { type: 'string', default: '40' },
    profile: { type: 'string' },
    mariadb: { type: 'string', default: process.env.TEST_MARIADB_URL ?? 'mariadb://root@127.0.0.1:3306' },
    postgres: {
      type: 'string',
      default:
        process.env.BENCH_POSTGRES_URL ??
        process.env.TEST_POSTGRES_URL ??
        'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const only = values.only?.split(',') ?? ENDPOINTS.map((e) => e.name);
const unknown = only.filter((name) => !ENDPOINTS.some((e) => e.name === name));
if (unknown.length > 0) {
  console.error(`unknown endpoint ${unknown.join(', ')}: one of ${ENDPOINTS.map((e) => e.name).join(', ')}`);
  process.exit(2);
}
const endpoints = ENDPOINTS.filter((e) => only.includes(e.name));
const needed = new Set(endpoints.map((e) => e.service));
if (values.profile && !needed.has(values.profile)) {
  console.error(`--profile ${values.profile}: not one of the services measured (${[...needed].join(', ')})`);
  process.exit(2);
}
const load = { connections: values.connections, seconds: values.seconds };
ensureWrk();

const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
const scratch = mkdtempSync(join(tmpdir(), 'bench-hot-'));
const profileDir = mkdtempSync(join(tmpdir(), 'bench-hot-prof-'));
const { access, databaseUrl } = mariadbAccess(values.mariadb);
const pgServer = new URL(values.postgres);
const pgUrl = (name) => Object.assign(new URL(pgServer), { pathname: `/${name}` }).toString();
const names = {
  board: `cb_bench_hot_board_${suffix}`,
  auth: `cb_bench_hot_auth_${suffix}`,
  hospital: `cb_bench_hot_hospital_${suffix}`,
};
const nodeArgs = (service) => (values.profile === service ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);

async function pgAdmin(sql) {
  const client = new pg.Client({ connectionString: values.postgres, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const started = {};
const pools = {};
let admin;
let raw;
const ids = {};
try {
  admin = await createConnection(access);
  const [[{ version: mariadbVersion }]] = await admin.query('SELECT VERSION() AS version');
  console.log(
    `Benchmark: hot paths against the raw limit, Node ${process.version}, MariaDB ${mariadbVersion}, wrk ${values.connections} connections × ${values.seconds} s`,
  );
  if (needed.has('board')) {
    await admin.query(`CREATE DATABASE \`${names.board}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    started.board = startService(
      'board',
      { DATABASE_URL: databaseUrl(names.board), DATA_DIR: join(scratch, 'board') },
      nodeArgs('board'),
    );
    await started.board.base;
    const db = await createConnection({ ...access, database: names.board });
    console.log(`Seeding ${Number(values.posts).toLocaleString('en')} posts into ${names.board}…`);
    await seedBoard(db, Number(values.posts));
    // A post from the middle of the table: the one read.
    const [[{ id }]] = await db.query('SELECT id FROM posts ORDER BY created_at LIMIT 1 OFFSET ?', [
      Math.floor(Number(values.posts) / 2),
    ]);
    ids.post = id;
    await db.end();
    pools.mysql = createPool({ ...access, database: names.board, connectionLimit: 10, timezone: 'Z', trace: false });
  }
  if (needed.has('hospital')) {
    await pgAdmin(`CREATE DATABASE "${names.hospital}" ENCODING 'UTF8'`);
    console.log(`Importing ${Number(values.hospitals).toLocaleString('en')} hospitals into ${names.hospital}…`);
    // The importer runs the migrations; the service starts on the schema it left.
    await importHospitals(pgUrl(names.hospital), scratch, Number(values.hospitals));
    const client = new pg.Client({ connectionString: pgUrl(names.hospital) });
    await client.connect();
    const { rows } = await client.query(
      "SELECT id FROM hospitals WHERE name_search LIKE '%강남%' ORDER BY name, id LIMIT 1",
    );
    const [{ n }] = (await client.query('SELECT COUNT(*)::int AS n FROM hospitals')).rows;
    console.log(`  imported ${n.toLocaleString('en')} hospitals`);
    ids.hospital = rows[0]?.id ?? (await client.query('SELECT id FROM hospitals ORDER BY id LIMIT 1')).rows[0].id;
    await seedReviews(client, ids.hospital, Number(values.reviews));
    await client.query('ANALYZE');
    await client.end();
    started.hospital = startService(
      'hospital',
      { DATABASE_URL: pgUrl(names.hospital), DATA_DIR: join(scratch, 'hospital') },
      nodeArgs('hospital'),
    );
    pools.pg = new pg.Pool({ connectionString: pgUrl(names.hospital), max: 10 });
  }
  if (needed.has('auth')) {
    await admin.query(`CREATE DATABASE \`${names.auth}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    started.auth = startService(
      'auth',
      { DATABASE_URL: databaseUrl(names.auth).replace(/^mariadb:/, 'mysql:'), DATA_DIR: join(scratch, 'auth') },
      nodeArgs('auth'),
    );
  }
  const bases = {};
  for (const [service, { base }] of Object.entries(started)) bases[service] = await base;
  // The raw server publishes the key set auth loaded (generated into its data folder on first start).
  const jwks = bases.auth ? await (await fetch(`${bases.auth}/api/auth/.well-known/jwks.json`)).json() : null;
  const handlers = await rawHandlers({ mysql: pools.mysql, pg: pools.pg, jwks });
  const routeOf = (url) => endpoints.find((e) => new URL(e.path(ids), url).pathname === url.pathname)?.name;
  raw = rawServer(handlers, routeOf);
  await new Promise((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const rawBase = `http://127.0.0.1:${raw.address().port}`;

  const results = [];
  for (const endpoint of endpoints) {
    const path = endpoint.path(ids);
    const service = bases[endpoint.service] + path;
    const bare = rawBase + path;
    // One after the other: a post read counts a view, which the second read then sees.
    const a = await (await fetch(service)).text();
    const b = await (await fetch(bare)).text();
    const same = a === b;
    if (!same) {
      // Where they part, with some context: the bodies are long and alike up to there.
      let at = 0;
      while (a[at] === b[at]) at++;
      const from = Math.max(0, at - 120);
      console.log(
        `\n${endpoint.name}: the two bodies differ at character ${at}\n  service: …${a.slice(from, at + 200)}\n  raw:     …${b.slice(from, at + 200)}`,
      );
    }
    process.stdout.write(`Measuring ${endpoint.name}…`);
    await wrk(bare, { ...load, seconds: 1 });
    await wrk(service, { ...load, seconds: 1 });
    const raw1 = await wrkWithCpu(bare, process.pid, load);
    const svc = await wrkWithCpu(service, started[endpoint.service].child.pid, load);
    const raw2 = await wrkWithCpu(bare, process.pid, load);
    const rawRps = (raw1.rps + raw2.rps) / 2;
    const rawCpu = (raw1.cpuUsPerRequest + raw2.cpuUsPerRequest) / 2;
    results.push({ endpoint, same, raw1, raw2, rawRps, rawCpu, svc, ratio: svc.rps / rawRps });
    console.log(` raw ${raw1.rps.toFixed(0)}/${raw2.rps.toFixed(0)}, service ${svc.rps.toFixed(0)} req/s`);
  }

  console.log(
    `\n${'endpoint'.padEnd(16)}${'raw req/s'.padStart(11)}${'service req/s'.padStart(15)}${'ratio'.padStart(8)}${'target'.padStart(8)}  met  same JSON  service p99  non-2xx`,
  );
  for (const r of results) {
    console.log(
      `${r.endpoint.name.padEnd(16)}${r.rawRps.toFixed(0).padStart(11)}${r.svc.rps.toFixed(0).padStart(15)}${`${r.ratio.toFixed(2)}×`.padStart(8)}${`${r.endpoint.target}×`.padStart(8)}  ${(r.ratio >= r.endpoint.target ? 'yes' : 'NO').padEnd(3)}  ${(r.same ? 'yes' : 'NO').padEnd(9)}  ${r.svc.p99.padStart(11)}  ${String(r.svc.errors + r.raw1.errors + r.raw2.errors).padEnd(7)}  ${r.rawCpu.toFixed(0).padStart(6)} / ${r.svc.cpuUsPerRequest.toFixed(0)}`,
    );
  }
  console.log(
    "(raw: the mean of the runs before and after the service; non-2xx: both servers; CPU µs/req: the server process's user + system time per request, steadier than req/s on a shared machine)",
  );
  if (results.some((r) => !r.same)) process.exitCode = 1;
} finally {
  raw?.closeAllConnections();
  raw?.close();
  await pools.mysql?.end();
  await pools.pg?.end();
  await Promise.all(Object.values(started).map(({ child }) => stopService(child)));
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS \`${names.board}\``);
    await admin.query(`DROP DATABASE IF EXISTS \`${names.auth}\``);
    await admin.end();
  }
  if (needed.has('hospital')) {
    await pgAdmin(`DROP DATABASE IF EXISTS "${names.hospital}" WITH (FORCE)`).catch(() => undefined);
  }
  if (values.profile) {
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (file) {
      console.log(`\nWhere ${values.profile}'s CPU went (self time, share of its busy time over the whole run):`);
      console.log(profileReport(join(profileDir, file)).join('\n'));
    }
  }
  rmSync(scratch, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
}
