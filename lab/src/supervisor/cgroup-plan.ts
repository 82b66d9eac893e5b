/**
 * The decisions behind a replica's cgroup, as the kubelet and runc make them, with no I/O: which hierarchy
 * to use, what quota a CPU limit becomes, what a group is called, and how the kernel's counters read.
 */

/** The CFS period the kubelet uses (100 ms). */
export const CFS_PERIOD_US = 100_000;
/** The kubelet's smallest quota (`MinQuotaPeriod`, 1 ms). */
const MIN_QUOTA_US = 1_000;

export type CgroupLayout =
  | { version: 1; cpu: string; cpuacct: string; memory: string }
  | { version: 2; root: string }
  | { version: 0; reason: string };

export interface ReplicaLimits {
  cpuMilli: number | undefined;
  memoryBytes: number | undefined;
}

/** Kubernetes' `MilliCPUToQuota`: the quota (µs per period) that holds a container to `milli` millicores. */
export function cfsQuotaUs(milli: number | undefined, periodUs = CFS_PERIOD_US): number | undefined {
  if (milli === undefined || milli <= 0) return undefined;
  return Math.max(MIN_QUOTA_US, Math.round((milli * periodUs) / 1000));
}

/** The v2 `cpu.max` line for a CPU limit ("max 100000" when unlimited). */
export function cpuMaxLine(milli: number | undefined, periodUs = CFS_PERIOD_US): string {
  return `${cfsQuotaUs(milli, periodUs) ?? 'max'} ${periodUs}`;
}

/** The group of one replica of one lab process: `carebridge-lab-<pid>-<replica>`, safe as a directory name. */
export function groupName(labPid: number, replica: string): string {
  return `carebridge-lab-${labPid}-${replica.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/** The lab pid a group was made by, or undefined for a directory that is not one of ours. */
export function labPidOf(name: string): number | undefined {
  const match = /^carebridge-lab-(\d+)-/.exec(name);
  return match ? Number(match[1]) : undefined;
}

interface Mount {
  path: string;
  type: string;
  options: string[];
}

/** Mount points from /proc/self/mounts ("device path type options dump pass"; spaces escaped as \040). */
function mountsOf(procMounts: string): Mount[] {
  return procMounts
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f.length >= 4)
    .map((f) => ({
      path: (f[1] as string).replace(/\\040/g, ' '),
      type: f[2] as string,
      options: (f[3] as string).split(','),
    }));
}

/** Controller → the process's own group path, from /proc/self/cgroup ("id:controllers:path"); v2 is ''. */
export function ownGroups(procCgroup: string): Map<string, string> {
  const groups = new Map<string, string>();
  for (const line of procCgroup.split('\n')) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    for (const controller of (match[1] as string).split(',')) groups.set(controller, match[2] as string);
  }
  return groups;
}

const join = (mount: string, path: string) => (path === '/' || path === '' ? mount : `${mount}${path}`);

/**
 * Where replica groups go: under the lab's own group in each hierarchy (so whatever limits the lab itself
 * runs under still hold its replicas). v1 needs the cpu, cpuacct and memory controllers mounted; v2 (one
 * cgroup2 mount at /sys/fs/cgroup, the unified layout) needs cpu and memory among its controllers.
 */
export function cgroupLayout(procMounts: string, procCgroup: string, v2Controllers?: string): CgroupLayout {
  const mounts = mountsOf(procMounts);
  const own = ownGroups(procCgroup);
  const unified = mounts.find((m) => m.type === 'cgroup2' && m.path === '/sys/fs/cgroup');
  if (unified) {
    const controllers = (v2Controllers ?? '').split(/\s+/);
    const missing = ['cpu', 'memory'].filter((c) => !controllers.includes(c));
    if (missing.length > 0) return { version: 0, reason: `cgroup2 without the ${missing.join(' and ')} controller` };
    return { version: 2, root: join(unified.path, own.get('') ?? '/') };
  }
  const v1 = (controller: string) => {
    const mount = mounts.find((m) => m.type === 'cgroup' && m.options.includes(controller));
    return mount ? join(mount.path, own.get(controller) ?? '/') : undefined;
  };
  const [cpu, cpuacct, memory] = [v1('cpu'), v1('cpuacct'), v1('memory')];
  if (cpu && cpuacct && memory) return { version: 1, cpu, cpuacct, memory };
  const missing = ['cpu', 'cpuacct', 'memory'].filter((_, i) => ![cpu, cpuacct, memory][i]);
  return { version: 0, reason: `no cgroup hierarchy with the ${missing.join(', ')} controller mounted` };
}

/** The files to write, in order, to give a new group its limits (paths relative to each hierarchy's group). */
export function limitWrites(layout: CgroupLayout, limits: ReplicaLimits): Array<{ file: string; value: string }> {
  if (layout.version === 2) {
    return [
      { file: 'cpu.max', value: cpuMaxLine(limits.cpuMilli) },
      { file: 'memory.max', value: limits.memoryBytes ? String(limits.memoryBytes) : 'max' },
      // No swap: over the limit means killed, as a container without swap is.
      { file: 'memory.swap.max', value: '0' },
    ];
  }
  if (layout.version !== 1) return [];
  const quota = cfsQuotaUs(limits.cpuMilli);
  return [
    { file: 'cpu:cpu.cfs_period_us', value: String(CFS_PERIOD_US) },
    { file: 'cpu:cpu.cfs_quota_us', value: String(quota ?? -1) },
    ...(limits.memoryBytes ? [{ file: 'memory:memory.limit_in_bytes', value: String(limits.memoryBytes) }] : []),
  ];
}

/** CPU time in seconds from v1 `cpuacct.usage` (nanoseconds). */
export function cpuacctSeconds(text: string): number | undefined {
  const ns = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(ns) ? ns / 1e9 : undefined;
}

/** A `key value` file (v2 `cpu.stat`, `memory.events`, v1 `memory.oom_control`) as numbers. */
export function keyValues(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined && Number.isFinite(Number(value))) values.set(key, Number(value));
  }
  return values;
}

/** CPU time in seconds from v2 `cpu.stat` (`usage_usec`). */
export function cpuStatSeconds(text: string): number | undefined {
  const usec = keyValues(text).get('usage_usec');
  return usec === undefined ? undefined : usec / 1e6;
}

/** How many processes of the group the kernel's OOM killer has killed (v1 oom_control, v2 memory.events). */
export function oomKills(text: string): number {
  return keyValues(text).get('oom_kill') ?? 0;
}

/**
 * Why a replica's process ended, as the kubelet reports a container's last state: SIGKILL with the group's
 * OOM-kill count risen is `OOMKilled`.
 */
export function exitReason(
  signal: string | null,
  code: number | null,
  oomKillsBefore: number,
  oomKillsAfter: number,
): string {
  if (signal === 'SIGKILL' && oomKillsAfter > oomKillsBefore) return 'OOMKilled';
  return signal ?? `code ${code}`;
}
