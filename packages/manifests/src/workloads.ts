import type { Resource } from './documents.js';

// Minimal shapes of the fields the policies read. Schema validation has already run.
export interface Probe {
  httpGet?: { path?: string; port?: string | number };
  tcpSocket?: { port?: string | number };
  exec?: { command?: string[] };
  timeoutSeconds?: number;
  failureThreshold?: number;
  periodSeconds?: number;
}

export interface Container {
  name: string;
  image?: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number }; exec?: unknown } };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  terminationGracePeriodSeconds?: number;
  serviceAccountName?: string;
  volumes?: { name: string }[];
}

export interface Workload {
  resource: Resource;
  labels: Record<string, string>;
  selector: Record<string, string>;
  podLabels: Record<string, string>;
  pod: PodSpec;
  /** Where in the object the pod spec is, for problem paths. */
  podPath: string;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export function workloadsOf(resources: Resource[]): Workload[] {
  return resources
    .filter((r) => WORKLOAD_KINDS.has(r.kind))
    .map((resource) => {
      const spec = resource.object.spec as {
        selector?: { matchLabels?: Record<string, string> };
        template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpec };
      };
      return {
        resource,
        labels: ((resource.object.metadata as { labels?: Record<string, string> })?.labels ?? {}) as Record<
          string,
          string
        >,
        selector: spec.selector?.matchLabels ?? {},
        podLabels: spec.template?.metadata?.labels ?? {},
        pod: spec.template?.spec ?? { containers: [] },
        podPath: 'spec.template.spec',
      };
    });
}

export function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

export function sameNamespace(a: Resource, b: Resource): boolean {
  return (a.namespace ?? 'default') === (b.namespace ?? 'default');
}

export function containerPorts(pod: PodSpec): { name?: string; containerPort: number }[] {
  return pod.containers.flatMap((c) => c.ports ?? []);
}

export function hasPort(pod: PodSpec, port: string | number | undefined): boolean {
  if (port === undefined) return false;
  return containerPorts(pod).some((p) => (typeof port === 'number' ? p.containerPort === port : p.name === port));
}
