/**
 * What the lab records while it runs, as served by `GET /lab/api/history?since=<epoch ms>` and
 * written into experiment reports. The dashboard, the reports and the real-cluster watcher all
 * speak these shapes.
 */

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
}

/** One service, once per second. */
export interface ServiceSample {
  /** Epoch milliseconds. */
  t: number;
  service: string;
  /** Replicas that exist (any phase but Terminated). */
  replicas: number;
  ready: number;
  /** What the autoscaler last asked for. */
  desired: number;
  /** Average CPU of the ready replicas as a percentage of their CPU request; null before the first measurement. */
  cpuUtilization: number | null;
  /** The autoscaler's target, for drawing the line. */
  targetUtilization: number | null;
  /** Requests answered per second through the gateway in the last second. */
  rps: number;
  /** Response-time percentiles (ms) over the last second; null when nothing was answered. */
  latency: LatencySummary | null;
  /** 5xx answers and failed requests per second. */
  errors: number;
}

/** A scaling decision, kept like `kubectl describe hpa` shows them. */
export interface ScalingEvent {
  t: number;
  service: string;
  /** `hpa` (the Kubernetes algorithm) or `threshold` (the comparison policy), or `rollout`. */
  source: 'hpa' | 'threshold' | 'rollout' | 'manual';
  from: number;
  to: number;
  reason: string;
  /** Inputs of the decision: utilization, recommendation, condition, … */
  details: Record<string, unknown>;
}

export interface LabHistory {
  samples: ServiceSample[];
  events: ScalingEvent[];
}

/** Per-endpoint results of a load run. */
export interface EndpointResult {
  name: string;
  requests: number;
  errors: number;
  /** Responses per second over the run. */
  throughput: number;
  latency: LatencySummary & { p90: number; max: number; mean: number };
}

export interface LoadResult {
  mode: 'open' | 'closed';
  startedAt: number;
  durationMs: number;
  /** Requests the generator meant to send (open loop) or sent (closed loop). */
  offered: number;
  total: EndpointResult;
  endpoints: EndpointResult[];
}

export interface Expectation {
  name: string;
  passed: boolean;
  detail: string;
}

/** `reports/<name>-<timestamp>/report.json`; report.html is drawn from it. */
export interface ExperimentReport {
  name: string;
  title: string;
  description: string;
  quick: boolean;
  startedAt: number;
  finishedAt: number;
  /** The manifests' settings the run used, per service (autoscaler, probes, rollout, balancing). */
  settings: Record<string, unknown>;
  history: LabHistory;
  load: LoadResult[];
  /** Figures worth a table: peak replicas, time to scale out, p99 during the step, failed requests… */
  summary: Record<string, string | number>;
  expectations: Expectation[];
  passed: boolean;
}
