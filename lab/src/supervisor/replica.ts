import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProbeSpec, ServiceSpec } from '@carebridge/manifests';
import { exitReason } from './cgroup-plan.js';
import { inGroup, type ReplicaCgroup } from './cgroups.js';
import { cpuSecondsOf } from './cpu-meter.js';
import { ProbeTracker, RestartBackoff } from './probe-tracker.js';
import type { StartSlots } from './start-slots.js';

export type ReplicaPhase = 'Pending' | 'Starting' | 'Running' | 'CrashLoopBackOff' | 'Terminating' | 'Terminated';

export interface ReplicaOptions {
  service: string;
  spec: ServiceSpec;
  version: string;
  entry: string;
  cwd: string;
  env: Record<string, string>;
  backoff?: { baseMs: number; capMs: number };
  /** Limits how many replicas start at once on this machine; absent: no limit. */
  startSlots?: StartSlots;
  /** Makes the replica's cgroup (the container's CPU and memory limits); absent: the machine is shared freely. */
  cgroup?: (replica: string) => ReplicaCgroup;
  onLine: (replica: Replica, line: string) => void;
  onEvent: (replica: Replica, event: string) => void;
}

export interface ReplicaView {
  id: string;
  service: string;
  version: string;
  phase: ReplicaPhase;
  pid: number | undefined;
  port: number | undefined;
  ready: boolean;
  live: boolean;
  restarts: number;
  startedAt: string | undefined;
  /** Why the last process ended (`OOMKilled`, a signal, an exit code), as a container's last state. */
  lastExit: string | undefined;
  /** The cgroup holding it to its limits, if any. */
  cgroup: string | undefined;
}

/**
 * One pod of a service, as the kubelet keeps it: the process picks a free port and reports it over
 * IPC; startup, liveness and readiness probes run on the manifest's timings; a failed liveness probe
 * or an exit restarts it with CrashLoopBackOff; termination pauses (preStop), sends SIGTERM, and
 * kills after the grace period. Only a ready replica gets traffic.
 */
export class Replica {
  readonly id: string;
  phase: ReplicaPhase = 'Starting';
  ready = false;
  live = true;
  restarts = 0;
  url: string | undefined;
  startedAt: number | undefined;
  /** When the replica last became ready (metrics taken before then do not count for the HPA). */
  readySince: number | undefined;
  private child: ChildProcess | undefined;
  private generation = 0;
  private exited: Promise<void> = Promise.resolve();
  private readonly backoff: RestartBackoff;
  private readyWaiters: Array<() => void> = [];
  private group: ReplicaCgroup | undefined;
  private groupTried = false;
  lastExit: string | undefined;

  constructor(readonly options: ReplicaOptions) {
    this.id = `${options.service}-${randomBytes(3).toString('hex')}`;
    this.backoff = new RestartBackoff(options.backoff?.baseMs, options.backoff?.capMs);
  }

  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  view(): ReplicaView {
    return {
      id: this.id,
      service: this.options.service,
      version: this.options.version,
      phase: this.phase,
      pid: this.pid,
      port: this.url ? Number(new URL(this.url).port) : undefined,
      ready: this.ready,
      live: this.live,
      restarts: this.restarts,
      startedAt: this.startedAt ? new Date(this.startedAt).toISOString() : undefined,
      lastExit: this.lastExit,
      cgroup: this.group?.name,
    };
  }

  /** CPU seconds used: the cgroup's counter (as cAdvisor reads a container's), else the process's own. */
  cpuSeconds(): number | undefined {
    const pid = this.pid;
    if (pid === undefined) return undefined;
    return this.group ? this.group.cpuSeconds() : cpuSecondsOf(pid);
  }

  /** The group is made once and kept across restarts, as a pod's is; a failure is said and the replica runs unlimited. */
  private ensureGroup(): ReplicaCgroup | undefined {
    if (!this.groupTried && this.options.cgroup) {
      this.groupTried = true;
      try {
        this.group = this.options.cgroup(this.id);
      } catch (error) {
        this.options.onEvent(this, `! no cgroup, running without limits: ${(error as Error).message}`);
      }
    }
    return this.group;
  }

  /** Waits for a start slot (Pending), then starts; the slot is held until ready, exit or termination. */
  start(): void {
    const slots = this.options.startSlots;
    if (!slots) {
      this.launch(() => {});
      return;
    }
    this.phase = 'Pending';
    const generation = this.generation;
    void slots.acquire().then((release) => {
      if (generation !== this.generation || this.phase !== 'Pending') {
        release();
        return;
      }
      this.launch(release);
    });
  }

  private releaseSlot: () => void = () => {};

  private launch(release: () => void): void {
    this.releaseSlot = release;
    const generation = ++this.generation;
    const { entry, cwd, env } = this.options;
    this.phase = 'Starting';
    this.url = undefined;
    this.ready = false;
    this.live = true;
    this.startedAt = Date.now();
    const group = this.ensureGroup();
    const oomBefore = group?.oomKills() ?? 0;
    const launch = group ? inGroup(group, process.execPath, [entry]) : { command: process.execPath, args: [entry] };
    const child = spawn(launch.command, launch.args, {
      cwd,
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type === 'listening' && message.url && generation === this.generation) {
        this.url = message.url;
        this.phase = 'Running';
      }
    });
    child.on('error', (error) => this.options.onEvent(this, `failed to start: ${error.message}`));
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.options.onLine(this, line));
    }
    child.once('exit', (code, signal) => {
      this.releaseSlot();
      this.lastExit = exitReason(signal, code, oomBefore, group?.oomKills() ?? 0);
      this.onExit(generation);
    });
    void this.probeLoop(generation);
  }

  /** Resolves once the replica is ready, or rejects after `timeoutMs`. */
  waitReady(timeoutMs: number): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.id} was not ready within ${timeoutMs / 1000}s`)),
        timeoutMs,
      );
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** A crash, as if the process died: the kubelet restarts it. */
  crash(): void {
    this.child?.kill('SIGKILL');
  }

  /**
   * Removal from the service: traffic stops at once, then preStop pause, SIGTERM, and SIGKILL when
   * the grace period runs out. `quick` skips the pause (the whole lab is stopping).
   */
  async terminate(quick = false): Promise<void> {
    if (this.phase === 'Terminated' || this.phase === 'Terminating') return this.exited;
    this.phase = 'Terminating';
    this.releaseSlot();
    this.setReady(false);
    this.generation++;
    const { preStopSleepMs, terminationGracePeriodMs } = this.options.spec;
    const started = Date.now();
    if (!quick && preStopSleepMs > 0) await sleep(preStopSleepMs);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const remaining = Math.max(terminationGracePeriodMs - (Date.now() - started), 0);
      const timer = setTimeout(() => child.kill('SIGKILL'), quick ? Math.min(remaining, 10_000) : remaining);
      await this.exited;
      clearTimeout(timer);
    }
    this.phase = 'Terminated';
    this.group?.remove();
    this.group = undefined;
    this.options.onEvent(this, 'terminated');
  }

  private onExit(generation: number): void {
    if (generation !== this.generation || this.phase === 'Terminating' || this.phase === 'Terminated') return;
    this.generation++;
    this.setReady(false);
    this.restarts += 1;
    const delay = this.backoff.next(Date.now() - (this.startedAt ?? Date.now()));
    this.phase = 'CrashLoopBackOff';
    this.options.onEvent(this, `exited (${this.lastExit}); restarting in ${delay} ms (restart ${this.restarts})`);
    const waitingGeneration = this.generation;
    setTimeout(() => {
      if (this.generation === waitingGeneration && this.phase === 'CrashLoopBackOff') this.start();
    }, delay).unref();
  }

  private async probeLoop(generation: number): Promise<void> {
    const { startup, liveness, readiness } = this.options.spec.probes;
    if (startup) {
      await sleep(startup.initialDelayMs);
      for (let failures = 0; ; ) {
        if (generation !== this.generation) return;
        if (await this.probe(startup)) break;
        failures += 1;
        if (failures >= startup.failureThreshold) {
          this.options.onEvent(this, `startup probe failed ${failures} times; restarting`);
          this.restartUnhealthy(generation);
          return;
        }
        await sleep(startup.periodMs);
      }
    }
    if (generation !== this.generation) return;
    if (readiness) void this.readinessLoop(generation, readiness);
    else this.setReady(true);
    if (liveness) void this.livenessLoop(generation, liveness);
  }

  private async readinessLoop(generation: number, spec: ProbeSpec): Promise<void> {
    const tracker = new ProbeTracker(spec, false);
    await sleep(spec.initialDelayMs);
    while (generation === this.generation) {
      tracker.record(await this.probe(spec));
      if (generation !== this.generation) return;
      this.setReady(tracker.passing);
      await sleep(spec.periodMs);
    }
  }

  private async livenessLoop(generation: number, spec: ProbeSpec): Promise<void> {
    const tracker = new ProbeTracker(spec, true);
    await sleep(spec.initialDelayMs);
    while (generation === this.generation) {
      await sleep(spec.periodMs);
      if (generation !== this.generation) return;
      if (tracker.record(await this.probe(spec)) && !tracker.passing) {
        this.live = false;
        this.options.onEvent(this, `liveness probe failed ${spec.failureThreshold} times; restarting`);
        this.restartUnhealthy(generation);
        return;
      }
    }
  }

  /** The kubelet kills a container that failed liveness (or startup) and starts it again. */
  private restartUnhealthy(generation: number): void {
    if (generation !== this.generation) return;
    this.setReady(false);
    const child = this.child;
    child?.kill('SIGTERM');
    setTimeout(() => child?.kill('SIGKILL'), Math.min(this.options.spec.terminationGracePeriodMs, 5_000)).unref();
  }

  private async probe(spec: ProbeSpec): Promise<boolean> {
    if (!this.url) return false;
    try {
      const res = await fetch(`${this.url}${spec.path}`, { signal: AbortSignal.timeout(spec.timeoutMs) });
      await res.arrayBuffer();
      return res.status >= 200 && res.status < 400;
    } catch {
      return false;
    }
  }

  private setReady(ready: boolean): void {
    if (this.ready === ready) return;
    this.ready = ready;
    this.readySince = ready ? Date.now() : undefined;
    this.options.onEvent(this, ready ? 'ready' : 'not ready');
    if (ready) {
      this.releaseSlot();
      for (const waiter of this.readyWaiters.splice(0)) waiter();
    }
  }
}
