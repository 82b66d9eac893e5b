#!/usr/bin/env node
// Measures a service's start-up time (process spawn → /readyz answers 200) and its idle memory
// (resident set size after it has been idle a few seconds), on the embedded database.
//   npm run bench:startup -- [service] [--runs N] [--idle-seconds S]
// "cold" starts on an empty data folder (migrations and key generation included); "warm" starts
// again on the folder the cold run left.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('../..', import.meta.url).pathname;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, 'idle-seconds': { type: 'string', default: '5' } },
});
const service = positionals[0] ?? 'auth';
const runs = Number(values.runs);
const idleSeconds = Number(values['idle-seconds']);
const entry = join(root, 'services', service, 'dist/src/main.js');

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function startOnce(dataDir, measureIdle) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    child.on('message', (m) => m?.type === 'listening' && resolve(m.url));
  });
  for (;;) {
    const res = await fetch(`${url}/readyz`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  let idleRss;
  if (measureIdle) {
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    idleRss = rssMiB(child.pid);
  }
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { readyMs, idleRss };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = [];
const warm = [];
const rss = [];
console.log(`Benchmark: ${service} start-up and idle memory, ${runs} runs (Node ${process.version}, embedded SQLite)`);
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${service}-`));
  try {
    cold.push((await startOnce(dataDir, false)).readyMs);
    const w = await startOnce(dataDir, true);
    warm.push(w.readyMs);
    rss.push(w.idleRss);
    console.log(
      `  run ${i + 1}/${runs}: cold ${cold.at(-1).toFixed(0)} ms, warm ${w.readyMs.toFixed(0)} ms, idle RSS ${w.idleRss.toFixed(1)} MiB`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(
  `\n${service}: start to ready (median) cold ${median(cold).toFixed(0)} ms, warm ${median(warm).toFixed(0)} ms; idle RSS (median, after ${idleSeconds}s) ${median(rss).toFixed(1)} MiB`,
);
