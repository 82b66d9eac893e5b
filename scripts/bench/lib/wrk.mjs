// wrk (the Debian package), installed through scripts/dev/apt-install.sh when missing, and one run of it.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;

export function ensureWrk() {
  if (!spawnSync('wrk', ['--version']).error) return;
  console.log('wrk is missing: installing the Debian package');
  spawnSync('bash', [join(root, 'scripts/dev/apt-install.sh'), 'wrk'], { stdio: 'inherit' });
  if (spawnSync('wrk', ['--version']).error) {
    console.error('wrk is needed: apt-get install wrk');
    process.exit(1);
  }
}

/** Loads `url` with one wrk thread; resolves with requests per second, p99 latency, non-2xx count and requests sent. */
export function wrk(url, { connections, seconds }) {
  return new Promise((resolve) => {
    const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', url]);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('close', () => {
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
      const p99 = /99%\s+([\d.]+\w+)/.exec(out)?.[1] ?? '?';
      const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
      const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
      resolve({ rps, p99, errors, requests });
    });
  });
}

/** CPU time (user + system, in ms) a process has used so far, from /proc (Linux). */
export function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Runs wrk on `url` and measures the CPU time per request of the server process `pid`. */
export async function wrkWithCpu(url, pid, options) {
  const before = cpuMsOf(pid);
  const result = await wrk(url, options);
  const cpuUsPerRequest = result.requests > 0 ? ((cpuMsOf(pid) - before) * 1000) / result.requests : 0;
  return { ...result, cpuUsPerRequest };
}
