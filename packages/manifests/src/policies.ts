import type { Resource } from './documents.js';
import type { ManifestProblem } from './problem.js';
import { cpuMetric } from './service-model.js';
import { type Container, hasPort, matches, sameNamespace, type Workload, workloadsOf } from './workloads.js';

type Check = (resources: Resource[]) => ManifestProblem[];

const problem = (r: Resource, field: string, message: string): ManifestProblem => ({
  source: r.source,
  kind: r.kind,
  name: r.name,
  field,
  message,
});

const REQUIRED_LABELS = [
  'app',
  'version',
  'app.kubernetes.io/name',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/component',
  'app.kubernetes.io/version',
];
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|PRIVATE|API_KEY|CREDENTIAL/i;
/** Our own applications (not databases or monitoring) follow the stricter rollout rules. */
const isApp = (w: Workload) => ['api', 'frontend'].includes(w.labels['app.kubernetes.io/component'] ?? '');

/** Selectors select something, and Services send traffic to ports the pods have. */
export const selectorsMatch: Check = (resources) => {
  const workloads = workloadsOf(resources);
  const out: ManifestProblem[] = [];
  for (const w of workloads) {
    if (!matches(w.selector, w.podLabels)) {
      out.push(problem(w.resource, 'spec.selector.matchLabels', 'does not match the pod template labels'));
    }
  }
  for (const svc of resources.filter((r) => r.kind === 'Service')) {
    const spec = svc.object.spec as {
      selector?: Record<string, string>;
      ports?: { port: number; targetPort?: string | number }[];
    };
    if (!spec.selector) continue;
    const targets = workloads.filter(
      (w) => sameNamespace(w.resource, svc) && matches(spec.selector ?? {}, w.podLabels),
    );
    if (targets.length === 0) {
      out.push(problem(svc, 'spec.selector', 'selects no pods of any Deployment or StatefulSet'));
      continue;
    }
    (spec.ports ?? []).forEach((port, i) => {
      const target = port.targetPort ?? port.port;
      for (const w of targets) {
        if (!hasPort(w.pod, target)) {
          out.push(
            problem(
              svc,
              `spec.ports[${i}].targetPort`,
              `port ${target} is not a port of ${w.resource.kind} ${w.resource.name}'s pods`,
            ),
          );
        }
      }
    });
  }
  for (const pdb of resources.filter((r) => r.kind === 'PodDisruptionBudget')) {
    const selector =
      (pdb.object.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {};
    if (!workloads.some((w) => sameNamespace(w.resource, pdb) && matches(selector, w.podLabels))) {
      out.push(problem(pdb, 'spec.selector.matchLabels', 'selects no pods'));
    }
  }
  return out;
};

/** Every HPA scales an existing Deployment whose containers all request CPU (the HPA's denominator). */
export const autoscalers: Check = (resources) => {
  const out: ManifestProblem[] = [];
  const workloads = workloadsOf(resources);
  for (const hpa of resources.filter((r) => r.kind === 'HorizontalPodAutoscaler')) {
    const spec = hpa.object.spec as {
      scaleTargetRef: { kind: string; name: string };
      minReplicas?: number;
      maxReplicas: number;
      metrics?: Parameters<typeof cpuMetric>[0][];
      behavior?: unknown;
    };
    const target = workloads.find(
      (w) =>
        w.resource.kind === spec.scaleTargetRef.kind &&
        w.resource.name === spec.scaleTargetRef.name &&
        sameNamespace(w.resource, hpa),
    );
    if (!target) {
      out.push(
        problem(hpa, 'spec.scaleTargetRef', `${spec.scaleTargetRef.kind} ${spec.scaleTargetRef.name} does not exist`),
      );
      continue;
    }
    target.pod.containers.forEach((c, i) => {
      if (!c.resources?.requests?.cpu) {
        out.push(
          problem(
            target.resource,
            `${target.podPath}.containers[${i}].resources.requests.cpu`,
            `is required: HPA ${hpa.name} scales on CPU utilization`,
          ),
        );
      }
    });
    if (isApp(target)) {
      const cpu = spec.metrics?.map(cpuMetric).find((m) => m !== undefined);
      if (spec.minReplicas !== 3 || spec.maxReplicas !== 10)
        out.push(problem(hpa, 'spec', 'must scale between 3 and 10 replicas'));
      if (cpu?.averageUtilization !== 50) out.push(problem(hpa, 'spec.metrics', 'must target 50% CPU utilization'));
      const app = target.pod.containers[0]?.name;
      if (cpu && cpu.container !== app) {
        out.push(
          problem(
            hpa,
            'spec.metrics',
            `must be a ContainerResource metric of container ${app}: a pod-wide one counts the Istio sidecar's CPU too`,
          ),
        );
      }
      if (!spec.behavior) out.push(problem(hpa, 'spec.behavior', 'must be explicit'));
      const pdb = resources.find(
        (r) =>
          r.kind === 'PodDisruptionBudget' &&
          sameNamespace(r, hpa) &&
          matches(
            (r.object.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
            target.podLabels,
          ),
      );
      if (!pdb) out.push(problem(target.resource, '', 'has an autoscaler but no PodDisruptionBudget'));
    }
    if ((target.resource.object.spec as { replicas?: number }).replicas !== undefined) {
      out.push(
        problem(
          target.resource,
          'spec.replicas',
          `must be unset: HPA ${hpa.name} owns the replica count, and every apply would reset it`,
        ),
      );
    }
  }
  return out;
};

/** Istio routes and rules point at Services that exist, on ports they have. */
export const meshHosts: Check = (resources) => {
  const out: ManifestProblem[] = [];
  const services = resources.filter((r) => r.kind === 'Service');
  const findService = (host: string, from: Resource) => {
    const [name, namespace] = host.split('.');
    return services.find(
      (s) => s.name === name && (s.namespace ?? 'default') === (namespace ?? from.namespace ?? 'default'),
    );
  };
  for (const vs of resources.filter((r) => r.kind === 'VirtualService')) {
    const spec = vs.object.spec as {
      gateways?: string[];
      http?: { route?: { destination: { host: string; port?: { number: number } } }[] }[];
    };
    for (const gw of spec.gateways ?? []) {
      if (gw !== 'mesh' && !resources.some((r) => r.kind === 'Gateway' && r.name === gw.split('/').at(-1))) {
        out.push(problem(vs, 'spec.gateways', `Gateway ${gw} does not exist`));
      }
    }
    (spec.http ?? []).forEach((http, i) => {
      (http.route ?? []).forEach((route, j) => {
        const field = `spec.http[${i}].route[${j}].destination`;
        const svc = findService(route.destination.host, vs);
        if (!svc) {
          out.push(problem(vs, `${field}.host`, `no Service ${route.destination.host}`));
          return;
        }
        const ports = (svc.object.spec as { ports?: { port: number }[] }).ports ?? [];
        if (route.destination.port && !ports.some((p) => p.port === route.destination.port?.number)) {
          out.push(
            problem(vs, `${field}.port.number`, `Service ${svc.name} has no port ${route.destination.port.number}`),
          );
        }
      });
    });
  }
  for (const dr of resources.filter((r) => r.kind === 'DestinationRule')) {
    const host = (dr.object.spec as { host: string }).host;
    if (!findService(host, dr)) out.push(problem(dr, 'spec.host', `no Service ${host}`));
  }
  return out;
};

/** Containers run as non-root with a read-only root, no privilege, bounded resources and a pinned image. */
export const containerSecurity: Check = (resources) => {
  const out: ManifestProblem[] = [];
  for (const w of workloadsOf(resources)) {
    const podNonRoot = w.pod.securityContext?.runAsNonRoot === true;
    const all = [
      ...(w.pod.initContainers ?? []).map((c) => ['initContainers', c] as const),
      ...w.pod.containers.map((c) => ['containers', c] as const),
    ];
    all.forEach(([list, c], index) => {
      const at = `${w.podPath}.${list}[${list === 'containers' ? index - (w.pod.initContainers?.length ?? 0) : index}]`;
      const sc = c.securityContext ?? {};
      if (!(podNonRoot || sc.runAsNonRoot === true))
        out.push(problem(w.resource, `${at}.securityContext.runAsNonRoot`, 'must be true'));
      if ((sc.runAsUser ?? w.pod.securityContext?.runAsUser) === 0)
        out.push(problem(w.resource, `${at}.securityContext.runAsUser`, 'must not be 0 (root)'));
      if (sc.readOnlyRootFilesystem !== true)
        out.push(problem(w.resource, `${at}.securityContext.readOnlyRootFilesystem`, 'must be true'));
      if (sc.allowPrivilegeEscalation !== false)
        out.push(problem(w.resource, `${at}.securityContext.allowPrivilegeEscalation`, 'must be false'));
      if (sc.privileged) out.push(problem(w.resource, `${at}.securityContext.privileged`, 'must not be set'));
      if (!sc.capabilities?.drop?.includes('ALL'))
        out.push(problem(w.resource, `${at}.securityContext.capabilities.drop`, 'must drop ALL'));
      if ((sc.capabilities?.add ?? []).length > 0)
        out.push(problem(w.resource, `${at}.securityContext.capabilities.add`, 'must add nothing'));
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) {
          if (!c.resources?.[kind]?.[resource])
            out.push(problem(w.resource, `${at}.resources.${kind}.${resource}`, 'is required'));
        }
      }
      if (!pinned(c.image))
        out.push(problem(w.resource, `${at}.image`, `"${c.image}" must be pinned to a version tag (never latest)`));
      (c.env ?? []).forEach((env, i) => {
        if (SECRET_NAME.test(env.name) && env.value !== undefined && !/\$\(/.test(env.value)) {
          out.push(
            problem(
              w.resource,
              `${at}.env[${i}].value`,
              `${env.name} looks secret: take it from a Secret (secretKeyRef)`,
            ),
          );
        }
      });
    });
  }
  return out;
};

/** Probes and rollouts as the design asks: kubelet can tell live from ready, and updates lose no capacity. */
export const probesAndRollouts: Check = (resources) => {
  const out: ManifestProblem[] = [];
  for (const w of workloadsOf(resources)) {
    w.pod.containers.forEach((c: Container, i) => {
      const at = `${w.podPath}.containers[${i}]`;
      if (!c.livenessProbe) out.push(problem(w.resource, `${at}.livenessProbe`, 'is required'));
      else {
        if (c.livenessProbe.timeoutSeconds !== 1)
          out.push(problem(w.resource, `${at}.livenessProbe.timeoutSeconds`, 'must be 1'));
        if (c.livenessProbe.failureThreshold !== 3)
          out.push(problem(w.resource, `${at}.livenessProbe.failureThreshold`, 'must be 3'));
      }
      if (!c.readinessProbe) out.push(problem(w.resource, `${at}.readinessProbe`, 'is required'));
      for (const [name, probe] of [
        ['livenessProbe', c.livenessProbe],
        ['readinessProbe', c.readinessProbe],
        ['startupProbe', c.startupProbe],
      ] as const) {
        const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
        if (probe && port !== undefined && !hasPort(w.pod, port) && !(typeof port === 'number' && !isApp(w))) {
          out.push(problem(w.resource, `${at}.${name}`, `port ${port} is not a port of this container`));
        }
      }
      if (isApp(w)) {
        if (!c.startupProbe) out.push(problem(w.resource, `${at}.startupProbe`, 'is required'));
        const pause = c.lifecycle?.preStop?.sleep?.seconds;
        if (pause === undefined)
          out.push(
            problem(w.resource, `${at}.lifecycle.preStop`, 'must pause so load balancers stop sending traffic first'),
          );
        else if ((w.pod.terminationGracePeriodSeconds ?? 30) <= pause + 10) {
          out.push(
            problem(
              w.resource,
              `${w.podPath}.terminationGracePeriodSeconds`,
              `must leave time to drain after the ${pause}s preStop pause`,
            ),
          );
        }
      }
    });
    if (w.resource.kind === 'Deployment' && isApp(w)) {
      const strategy = (
        w.resource.object.spec as { strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } } }
      ).strategy;
      if (strategy?.type !== 'RollingUpdate' || !['0', '0%'].includes(String(strategy.rollingUpdate?.maxUnavailable))) {
        out.push(problem(w.resource, 'spec.strategy', 'must be RollingUpdate with maxUnavailable 0'));
      }
    }
  }
  return out;
};

/** The recommended labels, on the object and on its pods. */
export const labels: Check = (resources) => {
  const out: ManifestProblem[] = [];
  for (const w of workloadsOf(resources)) {
    for (const label of REQUIRED_LABELS) {
      if (!w.labels[label]) out.push(problem(w.resource, `metadata.labels.${label}`, 'is required'));
      if (!w.podLabels[label]) out.push(problem(w.resource, `spec.template.metadata.labels.${label}`, 'is required'));
    }
  }
  return out;
};

/** No secret value is committed; databases keep their data in claims of their own. */
export const secretsAndStorage: Check = (resources) => {
  const out: ManifestProblem[] = [];
  for (const secret of resources.filter((r) => r.kind === 'Secret')) {
    if (secret.object.data || secret.object.stringData)
      out.push(problem(secret, 'data', 'carries a value: secrets are created by the operator, never committed'));
  }
  for (const map of resources.filter((r) => r.kind === 'ConfigMap')) {
    for (const key of Object.keys((map.object.data ?? {}) as Record<string, string>)) {
      if (SECRET_NAME.test(key))
        out.push(problem(map, `data.${key}`, 'looks secret: keep it in a Secret the operator creates'));
    }
  }
  for (const w of workloadsOf(resources).filter((w) => w.labels['app.kubernetes.io/component'] === 'database')) {
    const spec = w.resource.object.spec as {
      serviceName?: string;
      volumeClaimTemplates?: { metadata: { name: string } }[];
    };
    if (w.resource.kind !== 'StatefulSet') {
      out.push(problem(w.resource, 'kind', 'databases run as StatefulSets'));
      continue;
    }
    const claims = (spec.volumeClaimTemplates ?? []).map((t) => t.metadata.name);
    if (claims.length === 0)
      out.push(problem(w.resource, 'spec.volumeClaimTemplates', 'a database needs a PersistentVolumeClaim'));
    const mounted = w.pod.containers.some((c) => (c.volumeMounts ?? []).some((m) => claims.includes(m.name)));
    if (claims.length > 0 && !mounted)
      out.push(problem(w.resource, `${w.podPath}.containers`, 'no container mounts the data claim'));
    const headless = resources.find(
      (r) => r.kind === 'Service' && r.name === spec.serviceName && sameNamespace(r, w.resource),
    );
    if (!headless || (headless.object.spec as { clusterIP?: string }).clusterIP !== 'None') {
      out.push(problem(w.resource, 'spec.serviceName', `must name a headless Service (clusterIP: None)`));
    }
  }
  return out;
};

export const CLUSTER_CHECKS: Record<string, Check> = {
  selectorsMatch,
  autoscalers,
  meshHosts,
  containerSecurity,
  probesAndRollouts,
  labels,
  secretsAndStorage,
};

function pinned(image: string | undefined): boolean {
  if (!image) return false;
  if (image.includes('@sha256:')) return true;
  const tag = image.slice(image.lastIndexOf('/') + 1).split(':')[1];
  return tag !== undefined && tag !== '' && tag !== 'latest';
}
