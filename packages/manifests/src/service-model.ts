import type { BalancingPolicy } from '@carebridge/contracts';
import type { Resource } from './documents.js';
import type { HpaBehavior } from './hpa-behavior.js';
import { type Container, type Probe, workloadsOf } from './workloads.js';

export { BALANCING_POLICIES, type BalancingPolicy } from '@carebridge/contracts';

export interface ProbeSpec {
  path: string;
  periodMs: number;
  timeoutMs: number;
  failureThreshold: number;
  successThreshold: number;
  initialDelayMs: number;
}

export interface RouteSpec {
  prefix: string;
  timeoutMs: number | undefined;
  retries: { attempts: number; perTryTimeoutMs: number | undefined; retryOn: string[] };
}

export interface OutlierSpec {
  consecutive5xxErrors: number;
  consecutiveGatewayErrors: number;
  intervalMs: number;
  baseEjectionMs: number;
  maxEjectionPercent: number;
}

export interface AutoscalerSpec {
  minReplicas: number;
  maxReplicas: number;
  targetCpuUtilization: number;
  behavior: HpaBehavior | undefined;
}

/** Everything the lab needs to run one service as the cluster would, read from the manifests. */
export interface ServiceSpec {
  name: string;
  containerPort: number;
  cpuRequestMilli: number | undefined;
  /** The container's limits (`resources.limits`), which the lab holds each replica to with cgroups. */
  limits: { cpuMilli: number | undefined; memoryBytes: number | undefined };
  probes: { startup?: ProbeSpec; liveness?: ProbeSpec; readiness?: ProbeSpec };
  rollout: {
    maxSurge: number | string | null;
    maxUnavailable: number | string | null;
    progressDeadlineSeconds: number;
  };
  terminationGracePeriodMs: number;
  preStopSleepMs: number;
  autoscaler: AutoscalerSpec | undefined;
  routes: RouteSpec[];
  balancing: BalancingPolicy;
  outlier: OutlierSpec | undefined;
  /** Settings the lab reads but does not reproduce, said out loud rather than ignored. */
  unsupported: string[];
}

const seconds = (value: string | undefined): number | undefined => {
  if (!value) return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value);
  if (!match) return undefined;
  const n = Number(match[1]);
  return n * { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] as 'ms' | 's' | 'm' | 'h'];
};
const ms = (value: string | undefined) => {
  const s = seconds(value);
  return s === undefined ? undefined : Math.round(s * 1000);
};

function probeSpec(
  probe: Probe | undefined,
  container: Container,
  unsupported: string[],
  name: string,
): ProbeSpec | undefined {
  if (!probe) return undefined;
  if (!probe.httpGet?.path) {
    unsupported.push(`${name}: only httpGet probes are reproduced`);
    return undefined;
  }
  const port = probe.httpGet.port;
  const declared = (container.ports ?? []).find((p) => p.name === port || p.containerPort === port);
  if (!declared) unsupported.push(`${name}: port ${port} is not a container port`);
  const p = probe as Probe & { initialDelaySeconds?: number; successThreshold?: number };
  return {
    path: probe.httpGet.path,
    periodMs: (p.periodSeconds ?? 10) * 1000,
    timeoutMs: (p.timeoutSeconds ?? 1) * 1000,
    failureThreshold: p.failureThreshold ?? 3,
    successThreshold: p.successThreshold ?? 1,
    initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000,
  };
}

function cpuMilli(value: string | undefined): number | undefined {
  if (!value) return undefined;
  return value.endsWith('m') ? Number(value.slice(0, -1)) : Math.round(Number(value) * 1000);
}

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** A memory quantity ("384Mi", "1G", "500000") in bytes; undefined when absent or not understood. */
export function memoryBytes(value: string | undefined): number | undefined {
  const match = value ? /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(value) : null;
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (MEMORY_UNITS[match[2] ?? ''] as number));
}

/** The lab's policies that are also Istio's `loadBalancer.simple` values (LATENCY_AWARE is the lab's own). */
const ISTIO_SIMPLE_POLICIES: readonly BalancingPolicy[] = ['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM'];

const serviceHost = (host: string) => host.split('.')[0] as string;

/** Reads the applied manifests into one ServiceSpec per Deployment of our own applications. */
export function serviceModel(applied: Resource[]): ServiceSpec[] {
  const workloads = workloadsOf(applied).filter(
    (w) => w.resource.kind === 'Deployment' && w.labels['app.kubernetes.io/component'] === 'api',
  );
  const virtualServices = applied.filter((r) => r.kind === 'VirtualService');
  const destinationRules = applied.filter((r) => r.kind === 'DestinationRule');
  const hpas = applied.filter((r) => r.kind === 'HorizontalPodAutoscaler');

  return workloads.map((w) => {
    const name = w.resource.name;
    const unsupported: string[] = [];
    const container = w.pod.containers[0] as Container;
    if (w.pod.containers.length > 1) unsupported.push('only the first container of a pod is run');
    const hpa = hpas.find((h) => (h.object.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === name);
    const rule = destinationRules.find((r) => serviceHost((r.object.spec as { host: string }).host) === name);
    return {
      name,
      containerPort: container.ports?.[0]?.containerPort ?? 0,
      ...resourcesOf(container),
      probes: {
        startup: probeSpec(container.startupProbe, container, unsupported, 'startupProbe'),
        liveness: probeSpec(container.livenessProbe, container, unsupported, 'livenessProbe'),
        readiness: probeSpec(container.readinessProbe, container, unsupported, 'readinessProbe'),
      },
      rollout: rolloutOf(w.resource, unsupported),
      terminationGracePeriodMs: (w.pod.terminationGracePeriodSeconds ?? 30) * 1000,
      preStopSleepMs: (container.lifecycle?.preStop?.sleep?.seconds ?? 0) * 1000,
      autoscaler: hpa ? autoscalerOf(hpa, unsupported) : undefined,
      routes: virtualServices.flatMap((vs) => routesOf(vs, name, unsupported)),
      ...trafficPolicyOf(rule, unsupported),
      unsupported,
    };
  });
}

/** The container's CPU request and its limits, in millicores and bytes. */
function resourcesOf(container: Container): Pick<ServiceSpec, 'cpuRequestMilli' | 'limits'> {
  return {
    cpuRequestMilli: cpuMilli(container.resources?.requests?.cpu),
    limits: {
      cpuMilli: cpuMilli(container.resources?.limits?.cpu),
      memoryBytes: memoryBytes(container.resources?.limits?.memory),
    },
  };
}

/** A Deployment's rolling-update bounds and progress deadline, with the defaults Kubernetes applies. */
function rolloutOf(deployment: Resource, unsupported: string[]): ServiceSpec['rollout'] {
  const spec = deployment.object.spec as {
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
    progressDeadlineSeconds?: number;
  };
  if (spec.strategy?.type === 'Recreate') unsupported.push('strategy Recreate: the lab always rolls');
  return {
    maxSurge: spec.strategy?.rollingUpdate?.maxSurge ?? null,
    maxUnavailable: spec.strategy?.rollingUpdate?.maxUnavailable ?? null,
    progressDeadlineSeconds: spec.progressDeadlineSeconds ?? 600,
  };
}

/** An HPA's bounds, CPU target and behaviour; other metrics are noted as not reproduced. */
function autoscalerOf(hpa: Resource, unsupported: string[]): AutoscalerSpec {
  const h = hpa.object.spec as {
    minReplicas?: number;
    maxReplicas: number;
    metrics?: {
      type: string;
      resource?: { name: string; target: { type: string; averageUtilization?: number } };
      containerResource?: {
        name: string;
        container: string;
        target: { type: string; averageUtilization?: number };
      };
    }[];
    behavior?: AutoscalerSpec['behavior'];
  };
  const cpu = h.metrics?.find((m) => cpuMetric(m) !== undefined);
  for (const m of h.metrics ?? []) {
    if (m !== cpu)
      unsupported.push(
        `HPA metric ${m.type}${m.resource ? `/${m.resource.name}` : ''}: only CPU utilization is reproduced`,
      );
  }
  return {
    minReplicas: h.minReplicas ?? 1,
    maxReplicas: h.maxReplicas,
    targetCpuUtilization: (cpu ? cpuMetric(cpu)?.averageUtilization : undefined) ?? 80,
    behavior: h.behavior,
  };
}

/** The routes of one VirtualService that lead to the service `name` (uri prefixes only). */
function routesOf(vs: Resource, name: string, unsupported: string[]): RouteSpec[] {
  const routes: RouteSpec[] = [];
  const http =
    (
      vs.object.spec as {
        http?: {
          match?: { uri?: { prefix?: string; exact?: string; regex?: string } }[];
          route?: { destination: { host: string }; weight?: number }[];
          timeout?: string;
          retries?: { attempts?: number; perTryTimeout?: string; retryOn?: string };
          fault?: unknown;
          mirror?: unknown;
          rewrite?: unknown;
        }[];
      }
    ).http ?? [];
  for (const h of http) {
    if (!(h.route ?? []).some((r) => serviceHost(r.destination.host) === name)) continue;
    if ((h.route ?? []).length > 1)
      unsupported.push(`route ${h.match?.[0]?.uri?.prefix}: weighted splits are not reproduced`);
    for (const extra of ['fault', 'mirror', 'rewrite'] as const) {
      if (h[extra]) unsupported.push(`route ${h.match?.[0]?.uri?.prefix}: ${extra} is not reproduced`);
    }
    for (const match of h.match ?? []) {
      if (!match.uri?.prefix) {
        unsupported.push(`route match ${JSON.stringify(match)}: only uri prefixes are reproduced`);
        continue;
      }
      routes.push({
        prefix: match.uri.prefix,
        timeoutMs: ms(h.timeout),
        retries: {
          attempts: h.retries?.attempts ?? 0,
          perTryTimeoutMs: ms(h.retries?.perTryTimeout),
          retryOn: (h.retries?.retryOn ?? '').split(',').filter(Boolean),
        },
      });
    }
  }
  return routes;
}

/** A DestinationRule's load balancer and outlier detection, with the defaults Istio applies. */
function trafficPolicyOf(
  rule: Resource | undefined,
  unsupported: string[],
): Pick<ServiceSpec, 'balancing' | 'outlier'> {
  const policy = (
    rule?.object.spec as {
      trafficPolicy?: {
        loadBalancer?: { simple?: string; consistentHash?: unknown };
        outlierDetection?: {
          consecutive5xxErrors?: number;
          consecutiveGatewayErrors?: number;
          interval?: string;
          baseEjectionTime?: string;
          maxEjectionPercent?: number;
        };
      };
    }
  )?.trafficPolicy;
  const simple = policy?.loadBalancer?.simple;
  const known = ISTIO_SIMPLE_POLICIES.includes(simple as BalancingPolicy);
  const balancing: BalancingPolicy = known ? (simple as BalancingPolicy) : 'ROUND_ROBIN';
  if (simple && !known) unsupported.push(`load balancer ${simple}: using ROUND_ROBIN`);
  if (policy?.loadBalancer?.consistentHash) unsupported.push('consistent-hash balancing is not reproduced');
  const od = policy?.outlierDetection;
  return {
    balancing,
    outlier: od
      ? {
          consecutive5xxErrors: od.consecutive5xxErrors ?? 5,
          consecutiveGatewayErrors: od.consecutiveGatewayErrors ?? 0,
          intervalMs: ms(od.interval) ?? 10_000,
          baseEjectionMs: ms(od.baseEjectionTime) ?? 30_000,
          maxEjectionPercent: od.maxEjectionPercent ?? 10,
        }
      : undefined,
  };
}

/**
 * An HPA's CPU utilization target, from a `Resource` metric (the pod's containers together) or a
 * `ContainerResource` one (one container: the manifests use it so the sidecar's CPU never counts).
 */
export function cpuMetric(metric: {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number } };
  containerResource?: { name: string; container: string; target: { type: string; averageUtilization?: number } };
}): { averageUtilization?: number; container?: string } | undefined {
  const source =
    metric.type === 'Resource'
      ? metric.resource
      : metric.type === 'ContainerResource'
        ? metric.containerResource
        : undefined;
  if (source?.name !== 'cpu' || source.target.type !== 'Utilization') return undefined;
  return { averageUtilization: source.target.averageUtilization, container: metric.containerResource?.container };
}
