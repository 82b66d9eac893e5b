/**
 * Replicas in real kernel cgroups (this machine: v1 cpu, cpuacct and memory hierarchies, writable as root):
 * a busy loop is held at its CPU limit, a memory hog is OOM-killed by the kernel and restarted by the
 * supervisor, and no group outlives its replica or the lab process.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceSpec } from '@carebridge/manifests';
import { cgroupLayout } from '../src/supervisor/cgroup-plan.js';
import { type CgroupSupport, cgroupSupport } from '../src/supervisor/cgroups.js';
import { CpuMeter } from '../src/supervisor/cpu-meter.js';
import { Replica } from '../src/supervisor/replica.js';

const dir = mkdtempSync(join(tmpdir(), 'lab-cgroups-'));
const script = (name: string, body: string) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};
const BUSY = script('busy.mjs', 'for (;;) {}\n');
// Touches 8 MiB more every 20 ms and keeps it: past any limit within seconds.
const HOG = script('hog.mjs', 'const kept = []; setInterval(() => kept.push(Buffer.alloc(8 * 2 ** 20, 1)), 20);\n');

const spec = (cpuMilli: number | undefined, memoryBytes: number | undefined): ServiceSpec => ({
  name: 'fixture',
  containerPort: 0,
  cpuRequestMilli: 100,
  limits: { cpuMilli, memoryBytes },
  probes: {},
  rollout: { maxSurge: 1, maxUnavailable: 0, progressDeadlineSeconds: 600 },
  terminationGracePeriodMs: 2_000,
  preStopSleepMs: 0,
  autoscaler: undefined,
  routes: [],
  balancing: 'ROUND_ROBIN',
  outlier: undefined,
  unsupported: [],
});

const layout = cgroupLayout(readFileSync('/proc/self/mounts', 'utf8'), readFileSync('/proc/self/cgroup', 'utf8'));
const ours = () => {
  const parents =
    layout.version === 1 ? [layout.cpu, layout.cpuacct, layout.memory] : layout.version === 2 ? [layout.root] : [];
  return parents.flatMap((p) => readdirSync(p).filter((e) => e.startsWith(`carebridge-lab-${process.pid}-`)));
};

describe('replicas in kernel cgroups', () => {
  let support: CgroupSupport;
  const replicas: Replica[] = [];
  const replica = (s: ServiceSpec, entry: string, events: string[] = []) => {
    if (!support.available) throw new Error(support.reason);
    const r = new Replica({
      service: s.name,
      spec: s,
      version: '1',
      entry,
      cwd: dir,
      env: {},
      backoff: { baseMs: 200, capMs: 1_000 },
      cgroup: (id) => (support.available ? support.create(id, s.limits) : (undefined as never)),
      onLine: () => {},
      onEvent: (_r, event) => events.push(event),
    });
    replicas.push(r);
    return r;
  };

  before(() => {
    support = cgroupSupport();
    assert.ok(support.available, `cgroups must be writable on this machine: ${!support.available && support.reason}`);
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.terminate(true)));
  });

  it('holds a busy loop at its CPU limit (cfs quota), measured from cpuacct', async () => {
    const r = replica(spec(200, 256 * 2 ** 20), BUSY);
    r.start();
    await r.waitReady(10_000);
    const group = r.view().cgroup as string;
    assert.match(group, new RegExp(`^carebridge-lab-${process.pid}-fixture-`));
    if (layout.version === 1) {
      assert.equal(readFileSync(join(layout.cpu, group, 'cpu.cfs_quota_us'), 'utf8').trim(), '20000');
      assert.equal(
        readFileSync(join(layout.memory, group, 'memory.limit_in_bytes'), 'utf8').trim(),
        String(256 * 2 ** 20),
      );
      // The launcher joins the group before it execs the service: the same pid, in the group.
      const procs = () => readFileSync(join(layout.cpu, group, 'cgroup.procs'), 'utf8').split('\n');
      for (let i = 0; i < 50 && !procs().includes(String(r.pid)); i++) await sleep(20);
      assert.ok(procs().includes(String(r.pid)), 'the pid is in the group');
    }
    const meter = new CpuMeter(15_000, () => r.cpuSeconds());
    await sleep(500);
    for (let i = 0; i <= 8; i++) {
      meter.record(r.pid, Date.now());
      await sleep(500);
    }
    const usage = meter.usageMilli() as number;
    // Unlimited, this loop takes a whole core (1000m); the quota holds it at 200m.
    assert.ok(usage > 140 && usage < 230, `usage ${usage.toFixed(0)}m, limit 200m`);
    console.log(`# busy loop with limit 200m: measured ${usage.toFixed(0)}m from cpuacct over 4 s`);
    await r.terminate(true);
    assert.equal(existsSync(join(layout.version === 1 ? layout.cpu : (layout as { root: string }).root, group)), false);
  });

  it('OOM-kills a replica over its memory limit and restarts it, as the kubelet does', async () => {
    const events: string[] = [];
    const r = replica(spec(500, 128 * 2 ** 20), HOG, events);
    r.start();
    const deadline = Date.now() + 30_000;
    while (r.restarts < 2 && Date.now() < deadline) await sleep(100);
    assert.ok(r.restarts >= 2, `restarts ${r.restarts}; events ${events.join(' | ')}`);
    assert.equal(r.lastExit, 'OOMKilled');
    assert.ok(
      events.some((e) => /^exited \(OOMKilled\); restarting/.test(e)),
      events.join(' | '),
    );
    console.log(
      `# memory hog with limit 128Mi: ${events.filter((e) => e.includes('OOMKilled')).length} OOM kills, restarted ${r.restarts} times`,
    );
    const group = r.view().cgroup as string;
    await r.terminate(true);
    assert.deepEqual(
      ours().filter((g) => g === group),
      [],
      'no group left once the replica is gone',
    );
  });

  it('removes its groups when the lab process exits, and sweeps those of a lab that was killed', async () => {
    const child = join(dir, 'exits.mjs');
    const module = new URL('../src/supervisor/cgroups.js', import.meta.url).pathname;
    writeFileSync(
      child,
      `import { cgroupSupport } from ${JSON.stringify(module)};
       const s = cgroupSupport(); s.create('x', { cpuMilli: 100, memoryBytes: undefined });
       console.log(s.describe); process.exit(0);`,
    );
    const run = spawnSync(process.execPath, [child], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const parent = layout.version === 1 ? layout.cpu : (layout as { root: string }).root;
    assert.deepEqual(
      readdirSync(parent).filter((e) => e.startsWith('carebridge-lab-') && e.endsWith('-x')),
      [],
      'the exiting process removed its group',
    );
    // A lab killed with SIGKILL cannot clean up; the next one removes what it left.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    const stale = join(parent, `carebridge-lab-${dead.pid}-board-dead`);
    mkdirSync(stale);
    cgroupSupport();
    assert.equal(existsSync(stale), false, 'the stale group of a dead lab is gone');
  });
});
