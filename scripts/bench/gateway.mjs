#!/usr/bin/env node
// The lab's gateway against one replica directly, measured with wrk (Debian package `wrk`):
//   npm run bench:gateway -- [--duration 10] [--connections 50,300]
// Starts the product as `npm start` does (every service, the manifests' minimum replicas, embedded
// databases in a temporary folder), then for each connection count runs wrk against
// GET /api/board/posts?limit=20 through the gateway and straight to one board replica. Also prints
// the start-up time and the resident memory of the whole product (gateway and every replica).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Cluster } from '../../lab/dist/src/cluster.js';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50,300' } },
});
if (spawnSync('wrk', ['--version']).error) {
  console.error('wrk is needed: apt-get install wrk');
  process.exit(1);
}
/** wrk as a child process; asynchronous, since the gateway runs in this very process. */
function wrk(args) {
  return new Promise((resolve) => {
    const child = spawn('wrk', args);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('close', () => resolve(out));
  });
}
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const dataDir = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
const started = Date.now();
const cluster = await Cluster.start({ port: 0, host: '127.0.0.1', dataDir, env: { LOG_LEVEL: 'warn' }, log: () => {} });
const readyMs = Date.now() - started;
try {
  const gateway = `http://127.0.0.1:${cluster.port}`;
  // A page of posts worth listing.
  const token = await (async () => {
    await fetch(`${gateway}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'long enough password', nickname: '벤치' }),
    });
    const login = await fetch(`${gateway}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'long enough password' }),
    });
    return (await login.json()).accessToken;
  })();
  for (let i = 0; i < 40; i++) {
    await fetch(`${gateway}/api/board/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ board: 'free', title: `벤치마크 글 ${i}`, body: '병원 이야기 '.repeat(30) }),
    });
  }
  const board = cluster.services.get('board');
  const direct = board.replicas.ready()[0].url;
  const pids = [...cluster.services.values()].flatMap((s) => s.replicas.replicas.map((r) => r.pid)).filter(Boolean);
  const memory = rssMiB(process.pid) + pids.reduce((n, pid) => n + rssMiB(pid), 0);
  console.log(
    `Product ready in ${(readyMs / 1000).toFixed(1)} s: ${pids.length} replicas; resident memory ${memory.toFixed(0)} MiB (gateway ${rssMiB(process.pid).toFixed(0)} MiB)`,
  );
  console.log(
    `wrk ${spawnSync('wrk', ['--version']).stdout.toString().split('\n')[0]}, ${values.duration} s per run, GET /api/board/posts?limit=20\n`,
  );
  console.log('target            connections   requests/s     p50        p99     errors');
  for (const connections of values.connections.split(',').map(Number)) {
    for (const [name, base] of [
      ['gateway (3 replicas)', gateway],
      ['one replica', direct],
    ]) {
      const out = await wrk([
        '-t2',
        `-c${connections}`,
        `-d${values.duration}s`,
        '--latency',
        `${base}/api/board/posts?limit=20`,
      ]);
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1];
      const p50 = /\s50%\s+([\d.]+\w+)/.exec(out)?.[1];
      const p99 = /\s99%\s+([\d.]+\w+)/.exec(out)?.[1];
      const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? '0';
      const socket = /Socket errors: (.*)/.exec(out)?.[1];
      console.log(
        `${name.padEnd(20)} ${String(connections).padStart(8)} ${String(rps).padStart(12)} ${String(p50).padStart(10)} ${String(p99).padStart(10)}   ${errors}${socket ? ` (${socket})` : ''}`,
      );
    }
  }
} finally {
  await cluster.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
