import type { BalancingPolicy, OutlierSpec } from '@carebridge/manifests';
import type { Replica } from '../supervisor/replica.js';
import type { ReplicaSet } from '../supervisor/replica-set.js';
import { Ewma, pick } from './balancing.js';
import { type Outcome, OutlierDetector } from './outlier-detector.js';

export interface TrafficStats {
  inFlight: number;
  requests: number;
  errors: number;
  latencyMs: number | undefined;
  ejected: boolean;
  ejections: number;
}

/** What the service answered since the last telemetry tick. */
export interface TrafficWindow {
  count: number;
  errors: number;
  latencies: number[];
}

interface Traffic {
  inFlight: number;
  requests: number;
  errors: number;
  latency: Ewma;
}

/**
 * The load-balancing side of one service (Envoy's cluster): which ready replica gets the next
 * request under the current policy, what each replica is doing, and which are ejected.
 */
export class Backend {
  private readonly cursor = { next: 0 };
  private readonly traffic = new Map<string, Traffic>();
  private readonly outliers: OutlierDetector | undefined;
  private window: TrafficWindow = { count: 0, errors: 0, latencies: [] };
  /** Requests each replica was chosen for, for /lab/metrics. */
  readonly decisions = new Map<string, number>();
  ejectionsTotal = 0;
  /** POSTs with an Idempotency-Key sent again after their replica's connection failed. */
  keyedPostsResent = 0;

  constructor(
    readonly replicas: ReplicaSet,
    public policy: BalancingPolicy,
    outlier: OutlierSpec | undefined,
  ) {
    this.outliers = outlier ? new OutlierDetector(outlier) : undefined;
  }

  get name(): string {
    return this.replicas.name;
  }

  /** A ready, not ejected replica not in `exclude`. If every ready replica is ejected, any ready one (Envoy's panic mode). */
  choose(exclude: ReadonlySet<string>): Replica | undefined {
    const ready = this.replicas.ready().filter((r) => !exclude.has(r.id));
    const healthy = ready.filter((r) => !this.outliers?.isEjected(r.id));
    const pool = healthy.length > 0 ? healthy : ready;
    const chosen = pick(
      this.policy,
      pool.map((r) => ({ id: r.id, inFlight: this.of(r.id).inFlight, latencyMs: this.of(r.id).latency.value })),
      this.cursor,
    );
    return pool.find((r) => r.id === chosen?.id);
  }

  begin(id: string): void {
    this.of(id).inFlight += 1;
    this.decisions.set(id, (this.decisions.get(id) ?? 0) + 1);
  }

  /** Hands over the answers since the last call and starts a new window. */
  takeWindow(): TrafficWindow {
    const window = this.window;
    this.window = { count: 0, errors: 0, latencies: [] };
    return window;
  }

  finish(id: string, outcome: Outcome, latencyMs: number | undefined): void {
    const t = this.of(id);
    t.inFlight = Math.max(0, t.inFlight - 1);
    t.requests += 1;
    if (outcome !== 'success') t.errors += 1;
    if (latencyMs !== undefined && outcome !== 'gateway-error') t.latency.add(latencyMs);
    this.window.count += 1;
    if (outcome !== 'success') this.window.errors += 1;
    if (latencyMs !== undefined) this.window.latencies.push(latencyMs);
    const wasEjected = this.outliers?.isEjected(id) ?? false;
    this.outliers?.record(id, outcome, this.replicas.ready().length);
    if (!wasEjected && this.outliers?.isEjected(id)) this.ejectionsTotal += 1;
  }

  stats(id: string): TrafficStats {
    const t = this.of(id);
    return {
      inFlight: t.inFlight,
      requests: t.requests,
      errors: t.errors,
      latencyMs: t.latency.value === undefined ? undefined : Math.round(t.latency.value * 10) / 10,
      ejected: this.outliers?.isEjected(id) ?? false,
      ejections: this.outliers?.ejections(id) ?? 0,
    };
  }

  private of(id: string): Traffic {
    let t = this.traffic.get(id);
    if (!t) {
      t = { inFlight: 0, requests: 0, errors: 0, latency: new Ewma() };
      this.traffic.set(id, t);
    }
    return t;
  }
}
