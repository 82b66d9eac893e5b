import type { PodSample } from '../autoscaling/replica-calculator.js';
import type { Backend } from '../gateway/backend.js';
import { CpuMeter } from '../supervisor/cpu-meter.js';
import type { Replica } from '../supervisor/replica.js';
import type { ReplicaSet } from '../supervisor/replica-set.js';
import type { LabHistory, LatencySummary, ScalingEvent, ServiceSample } from './types.js';

const KEEP_MS = 60 * 60_000;

export function percentiles(values: number[]): LatencySummary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)) };
}

/**
 * Measures every replica's CPU (a metrics-server of sorts) and records, once per tick, a sample per
 * service: replicas, desired, utilization against the target, requests/s, latency, errors. Keeps
 * the last hour, and the scaling events.
 */
export class Recorder {
  private readonly meters = new Map<string, CpuMeter>();
  private readonly samples: ServiceSample[] = [];
  private readonly events: ScalingEvent[] = [];
  last = new Map<string, ServiceSample>();

  constructor(private readonly cpuWindowMs = 15_000) {}

  /** What the HPA reads: each replica as a pod, with its CPU over the window. */
  pods(replicas: ReplicaSet, now: number): PodSample[] {
    const request = replicas.spec.cpuRequestMilli ?? 0;
    return replicas.replicas
      .filter((r) => r.phase !== 'Terminated')
      .map((r) => ({
        name: r.id,
        phase: r.pid !== undefined ? ('Running' as const) : ('Pending' as const),
        ready: r.ready,
        cpuRequestMilli: request,
        cpuUsageMilli: this.meter(r).usageMilli(),
        // A pod counts once a whole metrics window has passed since it became ready (the HPA's
        // rule for samples taken before readiness), so: seconds ready, against the window.
        startedSecondsAgo: r.readySince === undefined ? 0 : (now - r.readySince) / 1000,
        deleting: r.phase === 'Terminating',
      }));
  }

  get cpuInitializationSeconds(): number {
    return this.cpuWindowMs / 1000;
  }

  tick(now: number, services: { replicas: ReplicaSet; backend: Backend; desired: number | undefined }[]): void {
    for (const { replicas, backend, desired } of services) {
      for (const r of replicas.replicas) this.meter(r).record(r.pid, now);
      const window = backend.takeWindow();
      const pods = this.pods(replicas, now).filter((p) => p.ready && p.cpuUsageMilli !== null);
      const request = pods.reduce((n, p) => n + p.cpuRequestMilli, 0);
      const usage = pods.reduce((n, p) => n + (p.cpuUsageMilli ?? 0), 0);
      const sample: ServiceSample = {
        t: now,
        service: replicas.name,
        replicas: replicas.replicas.filter((r) => r.phase !== 'Terminated' && r.phase !== 'Terminating').length,
        ready: replicas.ready().length,
        desired: desired ?? replicas.desired,
        cpuUtilization: pods.length > 0 && request > 0 ? Math.round((usage * 100) / request) : null,
        targetUtilization: replicas.spec.autoscaler?.targetCpuUtilization ?? null,
        rps: window.count,
        latency: percentiles(window.latencies),
        errors: window.errors,
      };
      this.samples.push(sample);
      this.last.set(replicas.name, sample);
    }
    while (this.samples.length > 0 && now - (this.samples[0] as ServiceSample).t > KEEP_MS) this.samples.shift();
    for (const id of [...this.meters.keys()]) {
      if (!services.some((s) => s.replicas.find(id))) this.meters.delete(id);
    }
  }

  event(event: ScalingEvent): void {
    this.events.push(event);
    if (this.events.length > 1000) this.events.shift();
  }

  history(since = 0): LabHistory {
    return { samples: this.samples.filter((s) => s.t > since), events: this.events.filter((e) => e.t > since) };
  }

  /** Each replica's meter reads the replica's own counter: its cgroup's when it has one. */
  private meter(replica: Replica): CpuMeter {
    let meter = this.meters.get(replica.id);
    if (!meter) {
      meter = new CpuMeter(this.cpuWindowMs, () => replica.cpuSeconds());
      this.meters.set(replica.id, meter);
    }
    return meter;
  }
}
