/**
 * The charts of one service from its samples (`ServiceSample`, once a second): the same five on the
 * dashboard and in the experiment report. Pure functions; no DOM.
 */
import type { ServiceSample } from '../../telemetry/types.js';
import type { ChartSpec, Marker } from './chart.js';

export interface ServiceChartOptions {
  /** Prefix of the charts' ids (unique in the page). */
  idPrefix: string;
  from: number;
  to: number;
  timeLabels?: 'clock' | 'elapsed';
  markers?: Marker[];
  /** The autoscaler's maximum, so the replicas axis shows the ceiling. */
  maxReplicas?: number;
  width?: number;
  height?: number;
}

export type ChartName = 'replicas' | 'cpu' | 'rps' | 'latency' | 'errors';
export const CHART_NAMES: ChartName[] = ['replicas', 'cpu', 'rps', 'latency', 'errors'];

/** Replicas (current, ready, desired), CPU against the target, requests/s, p50/p95/p99, errors/s. */
export function serviceCharts(samples: ServiceSample[], options: ServiceChartOptions): Record<ChartName, ChartSpec> {
  const base = {
    from: options.from,
    to: options.to,
    timeLabels: options.timeLabels ?? 'clock',
    markers: options.markers ?? [],
    width: options.width,
    height: options.height,
  };
  const of = (pick: (s: ServiceSample) => number | null) => samples.map((s) => ({ t: s.t, v: pick(s) }));
  const targets = samples.map((s) => s.targetUtilization).filter((v): v is number => v !== null);
  return {
    replicas: {
      ...base,
      id: `${options.idPrefix}-replicas`,
      title: 'Replicas',
      unit: '',
      integer: true,
      yAtLeast: options.maxReplicas,
      series: [
        { name: 'replicas', tone: 0, step: true, points: of((s) => s.replicas) },
        { name: 'ready', tone: 2, step: true, points: of((s) => s.ready) },
        { name: 'desired', tone: 1, step: true, dashed: true, points: of((s) => s.desired) },
      ],
    },
    cpu: {
      ...base,
      id: `${options.idPrefix}-cpu`,
      title: 'CPU utilization',
      unit: '%',
      yAtLeast: Math.max(100, ...targets),
      series: [
        { name: 'CPU', tone: 0, points: of((s) => s.cpuUtilization) },
        { name: 'target', tone: 4, dashed: true, points: of((s) => s.targetUtilization) },
      ],
    },
    rps: {
      ...base,
      id: `${options.idPrefix}-rps`,
      title: 'Requests',
      unit: 'req/s',
      series: [{ name: 'req/s', tone: 0, points: of((s) => s.rps) }],
    },
    latency: {
      ...base,
      id: `${options.idPrefix}-latency`,
      title: 'Latency',
      unit: 'ms',
      series: [
        { name: 'p50', tone: 2, points: of((s) => s.latency?.p50 ?? null) },
        { name: 'p95', tone: 1, points: of((s) => s.latency?.p95 ?? null) },
        { name: 'p99', tone: 4, points: of((s) => s.latency?.p99 ?? null) },
      ],
    },
    errors: {
      ...base,
      id: `${options.idPrefix}-errors`,
      title: 'Errors',
      unit: '/s',
      series: [{ name: 'errors', tone: 4, points: of((s) => s.errors) }],
    },
  };
}
