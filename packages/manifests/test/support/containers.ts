// Runs a built image as Kubernetes runs it, with runc (the OCI runtime under containerd): the image's
// user, a read-only root filesystem, no capabilities, no new privileges, an emptyDir-like /tmp.
// The container shares the host's network unless `ownNetwork` is set (then only its loopback).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const driver = process.env.CAREBRIDGE_BUILDAH_DRIVER;
const buildahFlags = driver ? ['--storage-driver', driver] : [];

export function buildah(args: string[]): string {
  return execFileSync('buildah', [...buildahFlags, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

export function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface ImageConfig {
  User?: string;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  ExposedPorts?: Record<string, unknown>;
  Labels?: Record<string, string>;
}

export function imageConfig(ref: string): ImageConfig {
  const info = JSON.parse(buildah(['inspect', '--type', 'image', ref])) as { OCIv1: { config: ImageConfig } };
  return info.OCIv1.config;
}

/** Mounts a working container of the image; the root folder stays until `release()`. */
export function mountImage(ref: string): { root: string; release: () => void } {
  const container = buildah(['from', '--pull-never', '-q', ref]);
  const root = buildah(['mount', container]);
  return { root, release: () => buildah(['rm', container]) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Replaces the image's CMD, as a pod's `args` do. */
  args?: string[];
  ownNetwork?: boolean;
  /** Host folders mounted read-only, as a pod mounts Secrets and projected tokens. */
  mounts?: { source: string; destination: string }[];
}

export interface Running {
  id: string;
  pid: number;
  output: () => string;
  exited: Promise<number>;
  /** Runs a command inside the container (same user, same read-only root). */
  exec: (args: string[]) => { status: number; output: string };
  /** Runs a host command inside the container's network namespace. */
  inNetwork: (args: string[]) => string;
  stop: () => Promise<void>;
}

let counter = 0;

function ociConfig(image: ImageConfig, root: string, options: RunOptions) {
  const [uid = '0', gid = uid] = (image.User ?? '0').split(':');
  const env = [...(image.Env ?? []), ...Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`)];
  return {
    ociVersion: '1.0.2',
    process: {
      terminal: false,
      user: { uid: Number(uid), gid: Number(gid) },
      args: [...(image.Entrypoint ?? []), ...(options.args ?? image.Cmd ?? [])],
      env,
      cwd: image.WorkingDir || '/',
      capabilities: { bounding: [], effective: [], inheritable: [], permitted: [], ambient: [] },
      noNewPrivileges: true,
    },
    root: { path: root, readonly: true },
    hostname: 'carebridge-test',
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      {
        destination: '/dev',
        type: 'tmpfs',
        source: 'tmpfs',
        options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'],
      },
      {
        destination: '/dev/pts',
        type: 'devpts',
        source: 'devpts',
        options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620'],
      },
      {
        destination: '/dev/shm',
        type: 'tmpfs',
        source: 'shm',
        options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'],
      },
      { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
      // The pods mount an emptyDir at /tmp (readOnlyRootFilesystem leaves nothing else writable).
      { destination: '/tmp', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'mode=1777', 'size=65536k'] },
      { destination: '/etc/resolv.conf', type: 'bind', source: '/etc/resolv.conf', options: ['rbind', 'ro'] },
      ...(options.mounts ?? []).map((m) => ({ ...m, type: 'bind', options: ['rbind', 'ro'] })),
    ],
    linux: {
      namespaces: [
        { type: 'pid' },
        { type: 'ipc' },
        { type: 'uts' },
        { type: 'mount' },
        ...(options.ownNetwork ? [{ type: 'network' }] : []),
      ],
      maskedPaths: ['/proc/kcore', '/proc/keys', '/proc/timer_list', '/sys/firmware'],
      readonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
  };
}

function prepare(ref: string, options: RunOptions) {
  const image = imageConfig(ref);
  const mounted = mountImage(ref);
  const bundle = mkdtempSync(join(tmpdir(), 'carebridge-runc-'));
  writeFileSync(join(bundle, 'config.json'), JSON.stringify(ociConfig(image, mounted.root, options)));
  counter += 1;
  const id = `carebridge-test-${process.pid}-${counter}`;
  let output = '';
  const child: ChildProcess = spawn('runc', ['run', '--bundle', bundle, id], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const cleanup = () => {
    try {
      execFileSync('runc', ['delete', '--force', id], { stdio: 'ignore' });
    } catch {}
    rmSync(bundle, { recursive: true, force: true });
    mounted.release();
  };
  return { id, exited, output: () => output, cleanup };
}

/** Runs a command of the image to its end (a CLI, `--help`); returns its exit code and output. */
export async function runToExit(ref: string, options: RunOptions = {}): Promise<{ code: number; output: string }> {
  const run = prepare(ref, options);
  const code = await run.exited;
  run.cleanup();
  return { code, output: run.output() };
}

/** Starts the image in runc; resolves once runc reports the container's process. */
export async function runImage(ref: string, options: RunOptions = {}): Promise<Running> {
  const { id, exited, output: outputOf, cleanup } = prepare(ref, options);
  let pid = 0;
  for (let i = 0; i < 100 && pid === 0; i++) {
    try {
      pid = (
        JSON.parse(execFileSync('runc', ['state', id], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as {
          pid: number;
        }
      ).pid;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  if (pid === 0) {
    await exited;
    cleanup();
    throw new Error(`${ref} did not start:\n${outputOf()}`);
  }
  return {
    id,
    pid,
    output: outputOf,
    exited,
    exec(args) {
      try {
        const out = execFileSync('runc', ['exec', id, ...args], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        return { status: 0, output: out };
      } catch (error) {
        const e = error as { status?: number; stdout?: string; stderr?: string };
        return { status: e.status ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
      }
    },
    inNetwork(args) {
      return execFileSync('nsenter', ['--target', String(pid), '--net', ...args], { encoding: 'utf8' });
    },
    async stop() {
      try {
        execFileSync('runc', ['kill', id, 'TERM'], { stdio: 'ignore' });
      } catch {}
      const timer = setTimeout(() => {
        try {
          execFileSync('runc', ['kill', id, 'KILL'], { stdio: 'ignore' });
        } catch {}
      }, 30_000);
      await exited;
      clearTimeout(timer);
      cleanup();
    },
  };
}

/** The numeric user id the container's first process runs as (from the host's /proc). */
export function uidOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
}

export async function waitFor<T>(what: string, seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen within ${seconds}s${last ? ` (${String(last)})` : ''}`);
}
