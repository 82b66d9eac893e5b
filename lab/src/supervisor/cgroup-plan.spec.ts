import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryBytes } from '@carebridge/manifests';
import {
  cfsQuotaUs,
  cgroupLayout,
  cpuacctSeconds,
  cpuMaxLine,
  cpuStatSeconds,
  exitReason,
  groupName,
  labPidOf,
  limitWrites,
  oomKills,
} from './cgroup-plan.js';
import { CpuMeter } from './cpu-meter.js';

const V1_MOUNTS = [
  'tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0',
  'cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0',
  'cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0',
  'cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0',
  'cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0',
].join('\n');
const V1_OWN = '4:memory:/process_api/abc\n2:cpuacct:/\n1:cpu:/\n0::/\n';

describe('cgroup limits from a container’s resources', () => {
  it('turns a CPU limit into the kubelet’s CFS quota (MilliCPUToQuota, 1 ms at least)', () => {
    assert.equal(cfsQuotaUs(500), 50_000);
    assert.equal(cfsQuotaUs(200), 20_000);
    assert.equal(cfsQuotaUs(2000), 200_000, 'more than one core is more than one period');
    assert.equal(cfsQuotaUs(5), 1_000);
    assert.equal(cfsQuotaUs(undefined), undefined);
    assert.equal(cpuMaxLine(500), '50000 100000');
    assert.equal(cpuMaxLine(undefined), 'max 100000');
  });

  it('reads memory quantities as Kubernetes does', () => {
    assert.equal(memoryBytes('384Mi'), 384 * 2 ** 20);
    assert.equal(memoryBytes('1G'), 1e9);
    assert.equal(memoryBytes('1.5Gi'), 1.5 * 2 ** 30);
    assert.equal(memoryBytes('500000'), 500000);
    assert.equal(memoryBytes('lots'), undefined);
    assert.equal(memoryBytes(undefined), undefined);
  });

  it('writes v1 period, quota and memory limit; v2 cpu.max, memory.max and no swap', () => {
    const v1 = cgroupLayout(V1_MOUNTS, V1_OWN);
    assert.deepEqual(limitWrites(v1, { cpuMilli: 500, memoryBytes: 402653184 }), [
      { file: 'cpu:cpu.cfs_period_us', value: '100000' },
      { file: 'cpu:cpu.cfs_quota_us', value: '50000' },
      { file: 'memory:memory.limit_in_bytes', value: '402653184' },
    ]);
    assert.deepEqual(limitWrites(v1, { cpuMilli: undefined, memoryBytes: undefined }), [
      { file: 'cpu:cpu.cfs_period_us', value: '100000' },
      { file: 'cpu:cpu.cfs_quota_us', value: '-1' },
    ]);
    assert.deepEqual(limitWrites({ version: 2, root: '/sys/fs/cgroup' }, { cpuMilli: 250, memoryBytes: 1024 }), [
      { file: 'cpu.max', value: '25000 100000' },
      { file: 'memory.max', value: '1024' },
      { file: 'memory.swap.max', value: '0' },
    ]);
    assert.deepEqual(limitWrites({ version: 0, reason: 'none' }, { cpuMilli: 1, memoryBytes: 1 }), []);
  });
});

describe('where replica groups go', () => {
  it('v1: under the lab’s own group of each of cpu, cpuacct and memory', () => {
    assert.deepEqual(cgroupLayout(V1_MOUNTS, V1_OWN), {
      version: 1,
      cpu: '/sys/fs/cgroup/cpu',
      cpuacct: '/sys/fs/cgroup/cpuacct',
      memory: '/sys/fs/cgroup/memory/process_api/abc',
    });
  });

  it('v1 with cpu and cpuacct mounted together', () => {
    const mounts =
      'cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,cpu,cpuacct 0 0\ncgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0';
    assert.deepEqual(cgroupLayout(mounts, '3:cpu,cpuacct:/lab\n2:memory:/lab\n'), {
      version: 1,
      cpu: '/sys/fs/cgroup/cpu,cpuacct/lab',
      cpuacct: '/sys/fs/cgroup/cpu,cpuacct/lab',
      memory: '/sys/fs/cgroup/memory/lab',
    });
  });

  it('v2: the unified mount at /sys/fs/cgroup, under the lab’s group, when cpu and memory are available', () => {
    const mounts = 'cgroup2 /sys/fs/cgroup cgroup2 rw,nsdelegate 0 0';
    assert.deepEqual(cgroupLayout(mounts, '0::/user.slice/lab\n', 'cpuset cpu io memory pids'), {
      version: 2,
      root: '/sys/fs/cgroup/user.slice/lab',
    });
    assert.deepEqual(cgroupLayout(mounts, '0::/\n', 'cpuset io pids'), {
      version: 0,
      reason: 'cgroup2 without the cpu and memory controller',
    });
  });

  it('says which controllers are missing when there is no usable hierarchy', () => {
    const mounts = 'cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0';
    assert.deepEqual(cgroupLayout(mounts, ''), {
      version: 0,
      reason: 'no cgroup hierarchy with the cpuacct, memory controller mounted',
    });
  });

  it('names groups carebridge-lab-<pid>-<replica> and recognises only its own', () => {
    assert.equal(groupName(4242, 'board-a1b2c3'), 'carebridge-lab-4242-board-a1b2c3');
    assert.equal(groupName(1, 'a/b c'), 'carebridge-lab-1-a_b_c');
    assert.equal(labPidOf('carebridge-lab-4242-board-a1b2c3'), 4242);
    assert.equal(labPidOf('process_api'), undefined);
  });
});

describe('reading the kernel’s counters', () => {
  it('CPU time from v1 cpuacct.usage (ns) and v2 cpu.stat (usage_usec)', () => {
    assert.equal(cpuacctSeconds('1500000000\n'), 1.5);
    assert.equal(cpuacctSeconds(''), undefined);
    assert.equal(cpuStatSeconds('usage_usec 2500000\nuser_usec 2000000\nsystem_usec 500000\n'), 2.5);
    assert.equal(cpuStatSeconds('nr_periods 0\n'), undefined);
  });

  it('usage deltas become millicores over the window, with time injected', () => {
    const counter = [10, 10.1, 10.3, 10.5];
    let i = 0;
    const meter = new CpuMeter(15_000, () => counter[i++]);
    meter.record(1, 0);
    assert.equal(meter.usageMilli(), null, 'one reading is no sample');
    meter.record(1, 1_000);
    meter.record(1, 2_000);
    meter.record(1, 3_000);
    assert.ok(Math.abs((meter.usageMilli() as number) - 166.67) < 0.01, 'a third of a core over 3 s');
  });

  it('OOM kills from v1 memory.oom_control and v2 memory.events; a SIGKILL with one more is OOMKilled', () => {
    assert.equal(oomKills('oom_kill_disable 0\nunder_oom 0\noom_kill 3\n'), 3);
    assert.equal(oomKills('low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n'), 1);
    assert.equal(oomKills(''), 0);
    assert.equal(exitReason('SIGKILL', null, 0, 1), 'OOMKilled');
    assert.equal(exitReason('SIGKILL', null, 1, 1), 'SIGKILL', 'killed by someone else');
    assert.equal(exitReason(null, 1, 0, 0), 'code 1');
  });
});
