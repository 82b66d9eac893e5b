/**
 * The one place that talks to a Kubernetes API server, through `@kubernetes/client-node`. It reads, in one
 * namespace, what the HorizontalPodAutoscaler controller reads: Deployments (the scale target), HPAs
 * (`autoscaling/v2`), Pods and the pods' CPU usage from `metrics.k8s.io/v1beta1`, and hands them on as the plain
 * objects of {@link KubeSource}: quantities already in millicores, times in epoch milliseconds. Everything else in
 * the watcher depends on that interface, never on the client library, which is loaded only when
 * {@link connectKube} runs.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { HpaBehavior, ScalingPolicy, ScalingRules, SelectPolicy } from '@carebridge/manifests';

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}

export interface KubeDeployment {
  name: string;
  labels: Record<string, string>;
  generation: number | null;
  /** `spec.replicas`: what the HPA controller reads as the current replica count (the scale subresource). */
  specReplicas: number;
  selector: LabelSelector;
  status: {
    observedGeneration: number | null;
    /** Pods of the Deployment's ReplicaSets that are not terminating. */
    replicas: number;
    readyReplicas: number;
    updatedReplicas: number;
    availableReplicas: number;
  };
}

/** A `Resource` metric of an HPA, or any other metric type (which the shadow does not compute). */
export interface KubeHpaMetric {
  type: string;
  resource: string | null;
  targetType: string | null;
  averageUtilization: number | null;
}

export interface KubeCondition {
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
  lastTransitionTime: number | null;
}

export interface KubeHpa {
  name: string;
  generation: number | null;
  target: { apiVersion: string; kind: string; name: string };
  minReplicas: number | null;
  maxReplicas: number;
  metrics: KubeHpaMetric[];
  behavior: HpaBehavior | null;
  status: {
    observedGeneration: number | null;
    currentReplicas: number | null;
    desiredReplicas: number;
    lastScaleTime: number | null;
    /** `currentMetrics[]` of type Resource cpu: the utilization the controller computed at its last sync. */
    currentCpuUtilization: number | null;
    conditions: KubeCondition[];
  };
}

export interface KubePod {
  name: string;
  labels: Record<string, string>;
  phase: string;
  deleting: boolean;
  startTime: number | null;
  /** The `Ready` condition, or null when the pod has none. */
  readyCondition: { status: string; lastTransitionTime: number | null } | null;
  /**
   * The CPU request the HPA divides by, in millicores: pod-level `spec.resources.requests.cpu` when set (KEP-2837),
   * otherwise the sum over the containers and the restartable (sidecar) init containers, each rounded up to a whole
   * millicore as `Quantity.MilliValue()` does. Null when a container has no CPU request.
   */
  cpuRequestMilli: number | null;
  /** The containers without a CPU request (why `cpuRequestMilli` is null). */
  containersWithoutCpuRequest: string[];
}

export interface KubePodMetrics {
  name: string;
  /** When the sample was taken (epoch ms) and over how long a window. */
  timestamp: number | null;
  windowSeconds: number | null;
  /** The sum of the containers' usage, each rounded up to a millicore; null when a container has no CPU sample. */
  cpuUsageMilli: number | null;
}

/** What the watcher reads. Each list is of one namespace; each call is one API request. */
export interface KubeSource {
  /** The API server's address, for display. */
  readonly server: string;
  listDeployments(namespace: string): Promise<KubeDeployment[]>;
  listHorizontalPodAutoscalers(namespace: string): Promise<KubeHpa[]>;
  listPods(namespace: string): Promise<KubePod[]>;
  listPodMetrics(namespace: string): Promise<KubePodMetrics[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// Quantities

/** An exact decimal or binary quantity as a fraction. */
interface Fraction {
  num: bigint;
  den: bigint;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** Parses a Kubernetes `resource.Quantity` string ("250m", "0.5", "1", "12345678n", "1e3", "1Ki") exactly. */
export function parseQuantity(text: string): Fraction {
  const m = QUANTITY.exec(text.trim());
  if (!m) throw new RangeError(`not a Kubernetes quantity: ${JSON.stringify(text)}`);
  const [, sign, number, exponent, suffix] = m as unknown as [string, string, string, string?, string?];
  const [whole = '', fraction = ''] = number.split('.');
  let num = BigInt(`${whole}${fraction}` || '0');
  let den = 10n ** BigInt(fraction.length);
  let power10 = exponent !== undefined ? Number(exponent) : 0;
  if (suffix !== undefined && suffix in BINARY) num *= 2n ** BigInt(BINARY[suffix]!);
  else if (suffix !== undefined) power10 += DECIMAL[suffix]!;
  if (power10 >= 0) num *= 10n ** BigInt(power10);
  else den *= 10n ** BigInt(-power10);
  if (sign === '-') num = -num;
  return { num, den };
}

/** `Quantity.MilliValue()`: whole millicores, a fraction rounded up (towards +∞). */
export function quantityToMilli(text: string): number {
  const { num, den } = parseQuantity(text);
  const scaled = num * 1000n;
  let q = scaled / den;
  if (scaled % den !== 0n && scaled > 0n) q += 1n;
  return Number(q);
}

export function quantityToNumber(text: string): number {
  const { num, den } = parseQuantity(text);
  return Number(num) / Number(den);
}

// ---------------------------------------------------------------------------------------------------------------
// Mapping the API's objects (as the client library delivers them, or as plain JSON) to the plain shapes above

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).filter((e): e is [string, string] => typeof e[1] === 'string'));
/** The client library turns RFC 3339 times into `Date`s; raw JSON (the metrics API) keeps strings. */
function time(v: unknown): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

/** A Go duration as metrics-server writes `window` ("30s", "1m0.5s", "15.001s"). */
export function parseDurationSeconds(text: string | null): number | null {
  if (text === null) return null;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let total = 0;
  let rest = text.trim();
  if (rest === '0') return 0;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)/.exec(rest);
    if (!m) return null;
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

function selectorOf(v: unknown): LabelSelector {
  const s = obj(v);
  return {
    matchLabels: strings(s.matchLabels),
    matchExpressions: arr(s.matchExpressions).map((e) => {
      const r = obj(e);
      return {
        key: str(r.key) ?? '',
        operator: (str(r.operator) ?? 'In') as LabelSelectorRequirement['operator'],
        values: arr(r.values).filter((x): x is string => typeof x === 'string'),
      };
    }),
  };
}

/** `metav1.LabelSelectorAsSelector` semantics; an empty selector selects everything. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions) {
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    if (e.operator === 'In' && !(has && e.values.includes(value!))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(value!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export function toDeployment(v: unknown): KubeDeployment {
  const d = obj(v);
  const meta = obj(d.metadata);
  const spec = obj(d.spec);
  const status = obj(d.status);
  return {
    name: str(meta.name) ?? '',
    labels: strings(meta.labels),
    generation: num(meta.generation),
    // The API server defaults spec.replicas to 1.
    specReplicas: num(spec.replicas) ?? 1,
    selector: selectorOf(spec.selector),
    status: {
      observedGeneration: num(status.observedGeneration),
      replicas: num(status.replicas) ?? 0,
      readyReplicas: num(status.readyReplicas) ?? 0,
      updatedReplicas: num(status.updatedReplicas) ?? 0,
      availableReplicas: num(status.availableReplicas) ?? 0,
    },
  };
}

function rulesOf(v: unknown): ScalingRules | null {
  if (v === undefined || v === null) return null;
  const r = obj(v);
  const rules: ScalingRules = {};
  const select = str(r.selectPolicy);
  if (select !== null) rules.selectPolicy = select as SelectPolicy;
  const window = num(r.stabilizationWindowSeconds);
  if (window !== null) rules.stabilizationWindowSeconds = window;
  if (Array.isArray(r.policies)) {
    rules.policies = r.policies.map(
      (p): ScalingPolicy => ({
        type: (str(obj(p).type) ?? 'Pods') as ScalingPolicy['type'],
        value: num(obj(p).value) ?? 0,
        periodSeconds: num(obj(p).periodSeconds) ?? 0,
      }),
    );
  }
  const tolerance = r.tolerance;
  if (typeof tolerance === 'string') rules.tolerance = quantityToNumber(tolerance);
  else if (typeof tolerance === 'number') rules.tolerance = tolerance;
  return rules;
}

export function toHpa(v: unknown): KubeHpa {
  const h = obj(v);
  const meta = obj(h.metadata);
  const spec = obj(h.spec);
  const status = obj(h.status);
  const ref = obj(spec.scaleTargetRef);
  let behavior: HpaBehavior | null = null;
  if (spec.behavior !== undefined && spec.behavior !== null) {
    const up = rulesOf(obj(spec.behavior).scaleUp);
    const down = rulesOf(obj(spec.behavior).scaleDown);
    behavior = {};
    if (up) behavior.scaleUp = up;
    if (down) behavior.scaleDown = down;
  }
  const cpuStatus = arr(status.currentMetrics)
    .map(obj)
    .find(
      (m) =>
        ['Resource', 'ContainerResource'].includes(str(m.type) ?? '') &&
        str(obj(m.resource ?? m.containerResource).name) === 'cpu',
    );
  return {
    name: str(meta.name) ?? '',
    generation: num(meta.generation),
    target: { apiVersion: str(ref.apiVersion) ?? '', kind: str(ref.kind) ?? '', name: str(ref.name) ?? '' },
    minReplicas: num(spec.minReplicas),
    maxReplicas: num(spec.maxReplicas) ?? 0,
    metrics: arr(spec.metrics).map((m) => {
      const metric = obj(m);
      // A ContainerResource metric is the same CPU utilization, of one container: the shadow treats
      // both alike (it divides by the app container's request either way).
      const resource = obj(metric.resource ?? metric.containerResource);
      const target = obj(resource.target);
      return {
        type: str(metric.type) === 'ContainerResource' ? 'Resource' : (str(metric.type) ?? ''),
        resource: str(resource.name),
        targetType: str(target.type),
        averageUtilization: num(target.averageUtilization),
      };
    }),
    behavior,
    status: {
      observedGeneration: num(status.observedGeneration),
      currentReplicas: num(status.currentReplicas),
      desiredReplicas: num(status.desiredReplicas) ?? 0,
      lastScaleTime: time(status.lastScaleTime),
      currentCpuUtilization: cpuStatus ? num(obj(obj(cpuStatus.resource).current).averageUtilization) : null,
      conditions: arr(status.conditions).map((c) => {
        const cond = obj(c);
        return {
          type: str(cond.type) ?? '',
          status: str(cond.status) ?? 'Unknown',
          reason: str(cond.reason),
          message: str(cond.message),
          lastTransitionTime: time(cond.lastTransitionTime),
        };
      }),
    },
  };
}

export function toPod(v: unknown): KubePod {
  const p = obj(v);
  const meta = obj(p.metadata);
  const spec = obj(p.spec);
  const status = obj(p.status);
  const ready = arr(status.conditions)
    .map(obj)
    .find((c) => str(c.type) === 'Ready');
  // calculatePodRequests: pod-level requests win when set; otherwise containers and restartable init containers.
  const podLevel = str(obj(obj(spec.resources).requests).cpu);
  const containers = [
    ...arr(spec.containers),
    ...arr(spec.initContainers).filter((c) => str(obj(c).restartPolicy) === 'Always'),
  ].map(obj);
  const without: string[] = [];
  let request = 0;
  if (podLevel !== null) request = quantityToMilli(podLevel);
  else {
    for (const c of containers) {
      const cpu = str(obj(obj(c.resources).requests).cpu);
      if (cpu === null) without.push(str(c.name) ?? '?');
      else request += quantityToMilli(cpu);
    }
  }
  return {
    name: str(meta.name) ?? '',
    labels: strings(meta.labels),
    phase: str(status.phase) ?? 'Unknown',
    deleting: meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null,
    startTime: time(status.startTime),
    readyCondition: ready
      ? { status: str(ready.status) ?? 'Unknown', lastTransitionTime: time(ready.lastTransitionTime) }
      : null,
    cpuRequestMilli: without.length > 0 ? null : request,
    containersWithoutCpuRequest: without,
  };
}

/** As the HPA's metrics client reads a `PodMetrics`: a pod without containers or with one lacking cpu is missing. */
export function toPodMetrics(v: unknown): KubePodMetrics {
  const m = obj(v);
  const containers = arr(m.containers).map(obj);
  let usage: number | null = containers.length === 0 ? null : 0;
  for (const c of containers) {
    const cpu = str(obj(c.usage).cpu);
    if (cpu === null || usage === null) {
      usage = null;
      break;
    }
    usage += quantityToMilli(cpu);
  }
  return {
    name: str(obj(m.metadata).name) ?? '',
    timestamp: time(m.timestamp),
    windowSeconds: parseDurationSeconds(str(m.window)),
    cpuUsageMilli: usage,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The client library

export interface ConnectOptions {
  /** A kubeconfig file; its current context is used. */
  kubeconfig?: string;
  /** The context to use instead of the file's current context. */
  context?: string;
}

/** Where the configuration comes from when no kubeconfig is given. */
export function defaultKubeconfig(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.KUBECONFIG?.split(':').find((f) => f !== '' && existsSync(f));
  if (fromEnv) return fromEnv;
  const home = join(homedir(), '.kube', 'config');
  return existsSync(home) ? home : undefined;
}

/** Running in a pod: the service account token and the API server's address are there. */
export function inCluster(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.KUBERNETES_SERVICE_HOST !== undefined && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token');
}

/** A short message for a failed request: the API's `Status.message` when it sent one. */
function describeError(what: string, error: unknown): Error {
  const e = error as { code?: unknown; body?: unknown; message?: string; cause?: { code?: string } };
  if (typeof e.code === 'number') {
    let message = '';
    try {
      const body = typeof e.body === 'string' ? (JSON.parse(e.body) as Json) : obj(e.body);
      message = str(body.message) ?? '';
    } catch {
      message = typeof e.body === 'string' ? e.body.slice(0, 200) : '';
    }
    return new Error(`${what}: HTTP ${e.code}${message ? ` ${message}` : ''}`);
  }
  const cause = e.cause?.code ? ` (${e.cause.code})` : '';
  return new Error(`${what}: ${e.message ?? String(error)}${cause}`);
}

/**
 * Connects through `@kubernetes/client-node`: the given kubeconfig, or the in-cluster configuration (service account
 * token, `KUBERNETES_SERVICE_HOST`) when none is given and the process runs in a pod, or else `$KUBECONFIG` /
 * `~/.kube/config`. Nothing is requested until a list method is called.
 */
export async function connectKube(options: ConnectOptions = {}): Promise<KubeSource> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  let file = options.kubeconfig;
  if (file === undefined && !inCluster()) {
    file = defaultKubeconfig();
    if (file === undefined) {
      throw new Error(
        'no cluster configuration: pass --kubeconfig FILE (or set KUBECONFIG), or run in a pod with a service account',
      );
    }
  }
  if (file !== undefined) kc.loadFromFile(file);
  else kc.loadFromCluster();
  if (options.context !== undefined) kc.setCurrentContext(options.context);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`the kubeconfig${file ? ` ${file}` : ''} has no current cluster`);

  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const autoscaling = kc.makeApiClient(k8s.AutoscalingV2Api);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);

  const call = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw describeError(what, error);
    }
  };

  return {
    server: cluster.server,
    async listDeployments(namespace) {
      const list = await call('list deployments', () => apps.listNamespacedDeployment({ namespace }));
      return list.items.map(toDeployment);
    },
    async listHorizontalPodAutoscalers(namespace) {
      const list = await call('list horizontalpodautoscalers', () =>
        autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace }),
      );
      return list.items.map(toHpa);
    },
    async listPods(namespace) {
      const list = await call('list pods', () => core.listNamespacedPod({ namespace }));
      return list.items.map(toPod);
    },
    async listPodMetrics(namespace) {
      const list: unknown = await call('list metrics.k8s.io pods', () =>
        custom.listNamespacedCustomObject({ group: 'metrics.k8s.io', version: 'v1beta1', namespace, plural: 'pods' }),
      );
      return arr(obj(list).items).map(toPodMetrics);
    },
  };
}
