import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type CgroupLayout,
  cgroupLayout,
  cpuacctSeconds,
  cpuStatSeconds,
  groupName,
  labPidOf,
  limitWrites,
  oomKills,
  type ReplicaLimits,
} from './cgroup-plan.js';

/** One replica's group: its processes are held to the limits, and its counters read. */
export interface ReplicaCgroup {
  readonly name: string;
  /** The `cgroup.procs` files a process writes its pid to, one per hierarchy, before it execs the service. */
  readonly procsFiles: string[];
  cpuSeconds(): number | undefined;
  oomKills(): number;
  remove(): void;
}

export type CgroupSupport =
  | {
      available: true;
      version: 1 | 2;
      describe: string;
      /** The parent directories the groups go in. */
      where: string;
      create(replica: string, limits: ReplicaLimits): ReplicaCgroup;
    }
  | { available: false; reason: string };

type Usable = Exclude<CgroupLayout, { version: 0 }>;

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** Each hierarchy's directory for a group name (v1: cpu, cpuacct, memory, deduplicated when co-mounted). */
function dirsOf(layout: Usable, name: string): Record<string, string> {
  if (layout.version === 2)
    return { cpu: join(layout.root, name), cpuacct: join(layout.root, name), memory: join(layout.root, name) };
  return { cpu: join(layout.cpu, name), cpuacct: join(layout.cpuacct, name), memory: join(layout.memory, name) };
}

const unique = (dirs: Record<string, string>) => [...new Set(Object.values(dirs))];

/** Moves what is left in a group to its parent, then removes it (a group with processes cannot be removed). */
function removeDir(dir: string): void {
  if (!existsSync(dir)) return;
  for (const pid of (read(join(dir, 'cgroup.procs')) ?? '').split('\n').filter(Boolean)) {
    try {
      writeFileSync(join(dirname(dir), 'cgroup.procs'), pid);
    } catch {
      // The process ended meanwhile.
    }
  }
  for (let attempt = 0; ; attempt++) {
    try {
      rmdirSync(dir);
      return;
    } catch (error) {
      // An exiting process keeps its group busy for a moment.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      if (attempt >= 50) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Groups left by a lab process that is gone (killed before it could clean up). */
function sweepStale(layout: Usable): string[] {
  const parents = layout.version === 2 ? [layout.root] : [layout.cpu, layout.cpuacct, layout.memory];
  const removed: string[] = [];
  for (const parent of new Set(parents)) {
    for (const entry of readdirSync(parent)) {
      const pid = labPidOf(entry);
      if (pid === undefined || alive(pid)) continue;
      removeDir(join(parent, entry));
      removed.push(entry);
    }
  }
  return removed;
}

const live = new Set<ReplicaCgroup>();
let exitHook = false;

function createGroup(layout: Usable, labPid: number, replica: string, limits: ReplicaLimits): ReplicaCgroup {
  const name = groupName(labPid, replica);
  const dirs = dirsOf(layout, name);
  for (const dir of unique(dirs)) mkdirSync(dir, { recursive: true });
  const group: ReplicaCgroup = {
    name,
    procsFiles: unique(dirs).map((d) => join(d, 'cgroup.procs')),
    cpuSeconds: () =>
      layout.version === 2
        ? cpuStatSeconds(read(join(dirs.cpu as string, 'cpu.stat')) ?? '')
        : cpuacctSeconds(read(join(dirs.cpuacct as string, 'cpuacct.usage')) ?? ''),
    oomKills: () =>
      oomKills(read(join(dirs.memory as string, layout.version === 2 ? 'memory.events' : 'memory.oom_control')) ?? ''),
    remove: () => {
      live.delete(group);
      for (const dir of unique(dirs)) removeDir(dir);
    },
  };
  live.add(group);
  try {
    for (const { file, value } of limitWrites(layout, limits)) {
      const [hierarchy, base] = file.includes(':') ? file.split(':') : ['cpu', file];
      const path = join(dirs[hierarchy as string] as string, base as string);
      // memory.swap.max is absent when the kernel accounts no swap; nothing to limit then.
      if (base === 'memory.swap.max' && !existsSync(path)) continue;
      writeFileSync(path, value);
    }
  } catch (error) {
    group.remove();
    throw error;
  }
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const g of [...live]) {
        try {
          g.remove();
        } catch {
          // Best effort on the way out; the next start sweeps what is left.
        }
      }
    });
  }
  return group;
}

/**
 * Whether this machine lets the lab hold replicas to their limits: finds the hierarchies, removes groups of
 * lab processes that died, and proves it can write by creating (and removing) a probe group with a quota.
 */
export function cgroupSupport(labPid = process.pid): CgroupSupport {
  const layout = cgroupLayout(
    read('/proc/self/mounts') ?? '',
    read('/proc/self/cgroup') ?? '',
    read('/sys/fs/cgroup/cgroup.controllers'),
  );
  if (layout.version === 0) return { available: false, reason: layout.reason };
  if (layout.version === 2) {
    // Children get the controllers only when the parent delegates them.
    try {
      writeFileSync(join(layout.root, 'cgroup.subtree_control'), '+cpu +memory');
    } catch (error) {
      return {
        available: false,
        reason: `cannot delegate cpu and memory in ${layout.root}: ${(error as Error).message}`,
      };
    }
  }
  try {
    sweepStale(layout);
    createGroup(layout, labPid, 'probe', { cpuMilli: 100, memoryBytes: 64 * 2 ** 20 }).remove();
  } catch (error) {
    return { available: false, reason: `cgroups are not writable here: ${(error as Error).message}` };
  }
  const where = layout.version === 2 ? layout.root : `${layout.cpu}, ${layout.cpuacct}, ${layout.memory}`;
  return {
    available: true,
    version: layout.version,
    describe: `cgroup v${layout.version}`,
    where,
    create: (replica, limits) => createGroup(layout, labPid, replica, limits),
  };
}

/** The command that joins a group and then becomes `command` (the pid stays the same, as runc's exec). */
export function inGroup(group: ReplicaCgroup, command: string, args: string[]): { command: string; args: string[] } {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const joins = group.procsFiles.map((f) => `echo $$ > ${quote(f)}`).join(' && ');
  return { command: '/bin/sh', args: ['-c', `${joins} && exec "$0" "$@"`, command, ...args] };
}
