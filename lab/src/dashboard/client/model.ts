/**
 * What the dashboard shows, read from either `GET /lab/api/state` shape: the lab's own cluster
 * (replicas it runs, with controls) or `lab watch` on a real cluster (`mode: "kubernetes"`: pods,
 * the cluster HPA's decision and this implementation's shadow decision; read-only). Unknown or
 * missing fields become nulls, so a newer or older server never breaks the page. Pure functions.
 */
import type { LabHistory, ScalingEvent, ServiceSample } from '../../telemetry/types.js';

export interface ViewReplica {
  id: string;
  version: string | null;
  phase: string;
  ready: boolean;
  restarts: number | null;
  inFlight: number | null;
  /** EWMA latency at the balancer (ms). */
  latencyMs: number | null;
  ejected: boolean | null;
  /** CPU use against the request, when known (real cluster), e.g. "120m / 250m". */
  cpu: string | null;
}

export interface ViewService {
  name: string;
  policy: string | null;
  autoscaling: string | null;
  desired: number | null;
  ready: number | null;
  minReplicas: number | null;
  maxReplicas: number | null;
  targetUtilization: number | null;
  cpuUtilization: number | null;
  rollout: string | null;
  rollingOut: boolean;
  /** Real cluster: the cluster HPA's decision next to this implementation's. */
  shadow: { clusterDesired: number | null; shadowDesired: number | null; verdict: string; reason: string } | null;
  replicas: ViewReplica[];
}

export interface View {
  /** A real cluster is watched: no controls. */
  readOnly: boolean;
  /** One line about where the data comes from. */
  source: string;
  load: { level: number; rate: number | null } | null;
  notes: string[];
  services: ViewService[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function labService(raw: Json): ViewService {
  const autoscaler = obj(raw.autoscaler);
  const rollout = obj(raw.rollout);
  const phase = str(rollout.phase);
  return {
    name: String(raw.name ?? '?'),
    policy: str(raw.policy),
    autoscaling: str(raw.autoscaling),
    desired: num(raw.desired),
    ready: num(raw.ready),
    minReplicas: num(autoscaler.minReplicas),
    maxReplicas: num(autoscaler.maxReplicas),
    targetUtilization: num(autoscaler.targetCpuUtilization),
    cpuUtilization: num(raw.cpuUtilization),
    rollout: phase
      ? `rollout ${rollout.from ?? '?'} → ${rollout.to ?? '?'}: ${phase}, ${rollout.updated ?? '?'} of ${rollout.desired ?? '?'} updated, ${rollout.old ?? '?'} old` +
        (str(rollout.message) ? ` (${rollout.message})` : '')
      : null,
    rollingOut: phase === 'progressing',
    shadow: null,
    replicas: list(raw.replicas).map((r) => {
      const replica = obj(r);
      return {
        id: String(replica.id ?? '?'),
        version: str(replica.version),
        phase: str(replica.phase) ?? '?',
        ready: replica.ready === true,
        restarts: num(replica.restarts),
        inFlight: num(replica.inFlight),
        latencyMs: num(replica.latencyMs),
        ejected: bool(replica.ejected),
        cpu: null,
      };
    }),
  };
}

function kubeService(raw: Json): ViewService {
  const hpa = raw.hpa ? obj(raw.hpa) : null;
  const sample = obj(raw.sample);
  const deployment = obj(raw.deployment);
  const comparison = obj(raw.comparison);
  const shadow = obj(raw.shadow);
  const version = str(raw.version);
  return {
    name: String(raw.name ?? '?'),
    policy: null,
    autoscaling: hpa ? `cluster HPA ${hpa.name ?? ''}`.trim() : null,
    desired: num(obj(hpa?.status).desiredReplicas) ?? num(deployment.specReplicas),
    ready: num(deployment.readyReplicas),
    minReplicas: num(hpa?.minReplicas),
    maxReplicas: num(hpa?.maxReplicas),
    targetUtilization: num(hpa?.targetUtilization),
    cpuUtilization: num(sample.cpuUtilization),
    rollout: null,
    rollingOut: false,
    shadow: hpa
      ? {
          clusterDesired: num(comparison.clusterDesired),
          shadowDesired: num(comparison.shadowDesired),
          verdict: str(comparison.verdict) ?? '?',
          reason: [str(shadow.reason), ...list(comparison.notes).map(String)].filter(Boolean).join(' '),
        }
      : null,
    replicas: list(raw.pods).map((p) => {
      const pod = obj(p);
      const used = num(pod.cpuUsageMilli);
      const request = num(pod.cpuRequestMilli);
      return {
        id: String(pod.name ?? '?'),
        version,
        phase: pod.deleting === true ? 'Terminating' : (str(pod.phase) ?? '?'),
        ready: pod.ready === true,
        restarts: null,
        inFlight: null,
        latencyMs: null,
        ejected: null,
        cpu: used === null ? null : `${used}m${request === null ? '' : ` / ${request}m`}`,
      };
    }),
  };
}

export function viewOf(state: unknown): View {
  const raw = obj(state);
  const kube = raw.mode === 'kubernetes';
  const load = raw.load ? obj(raw.load) : null;
  const level = num(load?.level);
  return {
    readOnly: kube || raw.readOnly === true,
    source: kube
      ? `Kubernetes ${str(raw.server) ?? ''}, namespace ${str(raw.namespace) ?? '?'}`
      : `Lab cluster on port ${num(obj(raw.gateway).port) ?? '?'}${raw.isolation ? ` · ${str(obj(raw.isolation).note) ?? ''}` : ''}`,
    load: level === null ? null : { level, rate: num(load?.rate) },
    notes: list(raw.notes).map(String),
    services: list(raw.services).map((s) => (kube ? kubeService(obj(s)) : labService(obj(s)))),
  };
}

/** A shadow decision over time (`lab watch` history). */
export interface ShadowPoint {
  t: number;
  service: string;
  clusterDesired: number | null;
  shadowDesired: number | null;
}

/**
 * The history the page keeps: samples and events per service within a window, merged from
 * `?since=` answers without duplicates.
 */
export class HistoryBuffer {
  readonly samples = new Map<string, ServiceSample[]>();
  readonly events: ScalingEvent[] = [];
  readonly shadow = new Map<string, ShadowPoint[]>();
  private readonly eventKeys = new Set<string>();
  /** The newest sample time seen: the next `since`. */
  latest = 0;

  constructor(private readonly keepMs: number) {}

  add(history: LabHistory & { shadow?: unknown }): void {
    for (const s of list(history.samples) as ServiceSample[]) {
      if (typeof s?.t !== 'number' || typeof s.service !== 'string') continue;
      const series = this.samples.get(s.service) ?? [];
      if (series.length > 0 && (series.at(-1) as ServiceSample).t >= s.t) continue;
      series.push(s);
      this.samples.set(s.service, series);
      if (s.t > this.latest) this.latest = s.t;
    }
    for (const e of list(history.events) as ScalingEvent[]) {
      if (typeof e?.t !== 'number') continue;
      const key = `${e.t}|${e.service}|${e.source}|${e.from}|${e.to}|${e.reason}`;
      if (this.eventKeys.has(key)) continue;
      this.eventKeys.add(key);
      this.events.push(e);
    }
    this.events.sort((a, b) => a.t - b.t);
    for (const raw of list(history.shadow)) {
      const p = obj(raw);
      const t = num(p.t);
      const service = str(p.service);
      if (t === null || service === null) continue;
      const series = this.shadow.get(service) ?? [];
      if (series.length > 0 && (series.at(-1) as ShadowPoint).t >= t) continue;
      series.push({ t, service, clusterDesired: num(p.clusterDesired), shadowDesired: num(p.shadowDesired) });
      this.shadow.set(service, series);
    }
    this.trim();
  }

  private trim(): void {
    const cutoff = this.latest - this.keepMs;
    for (const series of [...this.samples.values(), ...this.shadow.values()]) {
      let drop = 0;
      while (drop < series.length && (series[drop] as { t: number }).t < cutoff) drop++;
      if (drop > 0) series.splice(0, drop);
    }
    let drop = 0;
    while (drop < this.events.length && (this.events[drop] as ScalingEvent).t < cutoff) drop++;
    if (drop > 0) {
      for (const e of this.events.splice(0, drop)) {
        this.eventKeys.delete(`${e.t}|${e.service}|${e.source}|${e.from}|${e.to}|${e.reason}`);
      }
    }
  }
}
