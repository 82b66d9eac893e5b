import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cluster } from '../cluster.js';

type Labels = Record<string, string>;

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Labels) =>
  Object.keys(labels).length === 0
    ? ''
    : `{${Object.entries(labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',')}}`;

/** Prometheus text exposition, written by hand: a handful of gauges and counters. */
class Exposition {
  private readonly lines: string[] = [];

  metric(name: string, type: 'gauge' | 'counter', help: string, series: [Labels, number | null | undefined][]): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of series) {
      if (value !== null && value !== undefined && Number.isFinite(value))
        this.lines.push(`${name}${labelText(labels)} ${value}`);
    }
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** `/lab/metrics`: the lab's view of the cluster for Prometheus. */
export function metricsHandler(cluster: Cluster) {
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (path !== '/lab/metrics' || req.method !== 'GET') return false;
    const out = new Exposition();
    const services = [...cluster.services.values()];
    const state = cluster.state().services;
    out.metric(
      'lab_replicas',
      'gauge',
      'Replicas that exist (not terminating).',
      state.map((s) => [
        { service: s.name },
        s.replicas.filter((r) => r.phase !== 'Terminating' && r.phase !== 'Terminated').length,
      ]),
    );
    out.metric(
      'lab_replicas_ready',
      'gauge',
      'Ready replicas.',
      state.map((s) => [{ service: s.name }, s.ready]),
    );
    out.metric(
      'lab_replicas_desired',
      'gauge',
      'Replicas the autoscaler wants.',
      state.map((s) => [{ service: s.name }, s.desired]),
    );
    out.metric(
      'lab_cpu_utilization_percent',
      'gauge',
      'Average CPU of ready replicas as a percentage of their request.',
      state.map((s) => [{ service: s.name }, s.cpuUtilization]),
    );
    out.metric(
      'lab_cpu_target_percent',
      'gauge',
      'The autoscaler target utilization.',
      state.map((s) => [{ service: s.name }, s.autoscaler?.targetCpuUtilization]),
    );
    out.metric(
      'lab_balancer_decisions_total',
      'counter',
      'Requests the balancer sent to each replica.',
      services.flatMap((s) =>
        [...s.backend.decisions].map(([replica, n]) => [{ service: s.spec.name, replica }, n] as [Labels, number]),
      ),
    );
    out.metric(
      'lab_outlier_ejections_total',
      'counter',
      'Replicas ejected by outlier detection.',
      services.map((s) => [{ service: s.spec.name }, s.backend.ejectionsTotal]),
    );
    out.metric(
      'lab_replica_restarts_total',
      'counter',
      'Restarts of each replica (crashes, failed liveness).',
      state.flatMap((s) => s.replicas.map((r) => [{ service: s.name, replica: r.id }, r.restarts] as [Labels, number])),
    );
    out.metric(
      'lab_rollout_updated_replicas',
      'gauge',
      'Ready replicas of the version being rolled out.',
      state.map((s) => [{ service: s.name }, s.rollout?.updated ?? 0]),
    );
    out.metric(
      'lab_rollout_in_progress',
      'gauge',
      '1 while a rollout is progressing.',
      state.map((s) => [{ service: s.name }, s.rollout?.phase === 'progressing' ? 1 : 0]),
    );
    out.metric(
      'lab_requests_total',
      'counter',
      'Requests answered through the gateway per replica.',
      state.flatMap((s) => s.replicas.map((r) => [{ service: s.name, replica: r.id }, r.requests] as [Labels, number])),
    );
    out.metric(
      'lab_request_errors_total',
      'counter',
      'Failed or 5xx requests per replica.',
      state.flatMap((s) => s.replicas.map((r) => [{ service: s.name, replica: r.id }, r.errors] as [Labels, number])),
    );
    const last = services.map((s) => cluster.recorder.last.get(s.spec.name));
    out.metric(
      'lab_requests_per_second',
      'gauge',
      'Requests answered in the last second.',
      last.map((l, i) => [{ service: services[i]?.spec.name ?? '' }, l?.rps]),
    );
    for (const q of ['p50', 'p95', 'p99'] as const) {
      out.metric(
        `lab_latency_${q}_ms`,
        'gauge',
        `Response-time ${q} over the last second, in milliseconds.`,
        last.map((l, i) => [{ service: services[i]?.spec.name ?? '' }, l?.latency?.[q]]),
      );
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(out.toString());
    return true;
  };
}
