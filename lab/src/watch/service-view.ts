/** One Deployment of the watched namespace as `lab watch` shows it: its pods, its HPA, the shadow and the verdict. */

import type { ServiceSample } from '../telemetry/types.js';
import { compare, plainUtilization } from './compare.js';
import type { KubeDeployment, KubeHpa, KubePod, KubePodMetrics } from './kube-adapter.js';
import { cpuTarget, otherMetricsOf } from './shadow.js';
import type { HpaPodGroup, ShadowDecision, WatchedPod, WatchedService } from './types.js';

export function watchedService(
  deployment: KubeDeployment,
  hpa: KubeHpa | null,
  pods: KubePod[],
  metrics: ReadonlyMap<string, KubePodMetrics>,
  shadow: ShadowDecision | null,
  t: number,
): WatchedService {
  const groups = new Map<string, HpaPodGroup>();
  if (shadow?.calculation) {
    const c = shadow.calculation;
    for (const p of pods) groups.set(p.name, 'ready');
    for (const [list, group] of [
      [c.unreadyPods, 'unready'],
      [c.missingPods, 'missing'],
      [c.ignoredPods, 'ignored'],
    ] as const) {
      for (const name of list) groups.set(name, group);
    }
  }
  const watchedPods = pods
    .map(
      (p): WatchedPod => ({
        name: p.name,
        phase: p.phase,
        ready: p.readyCondition?.status === 'True',
        deleting: p.deleting,
        startTime: p.startTime,
        cpuRequestMilli: p.cpuRequestMilli,
        cpuUsageMilli: metrics.get(p.name)?.cpuUsageMilli ?? null,
        metricsTimestamp: metrics.get(p.name)?.timestamp ?? null,
        hpaGroup: groups.get(p.name) ?? null,
      }),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const target = hpa ? cpuTarget(hpa) : null;
  const otherMetrics = hpa ? otherMetricsOf(hpa) : [];
  const utilization = shadow?.calculation?.utilization ?? plainUtilization(watchedPods);
  const sample: ServiceSample = {
    t,
    service: deployment.name,
    replicas: deployment.status.replicas,
    ready: deployment.status.readyReplicas,
    desired: hpa ? hpa.status.desiredReplicas : deployment.specReplicas,
    cpuUtilization: utilization,
    targetUtilization: target,
    // The cluster's request rate, latency and errors are not read (they are Prometheus' business).
    rps: 0,
    latency: null,
    errors: 0,
  };
  return {
    name: deployment.name,
    component: deployment.labels['app.kubernetes.io/component'] ?? null,
    version: deployment.labels['app.kubernetes.io/version'] ?? deployment.labels.version ?? null,
    sample,
    deployment: {
      specReplicas: deployment.specReplicas,
      replicas: deployment.status.replicas,
      readyReplicas: deployment.status.readyReplicas,
      updatedReplicas: deployment.status.updatedReplicas,
      availableReplicas: deployment.status.availableReplicas,
      generation: deployment.generation,
      observedGeneration: deployment.status.observedGeneration,
    },
    pods: watchedPods,
    hpa: hpa
      ? {
          name: hpa.name,
          minReplicas: hpa.minReplicas ?? 1,
          maxReplicas: hpa.maxReplicas,
          targetUtilization: target,
          otherMetrics,
          behavior: hpa.behavior,
          status: {
            currentReplicas: hpa.status.currentReplicas,
            desiredReplicas: hpa.status.desiredReplicas,
            currentCpuUtilization: hpa.status.currentCpuUtilization,
            lastScaleTime: hpa.status.lastScaleTime,
            observedGeneration: hpa.status.observedGeneration,
            conditions: hpa.status.conditions,
          },
          generation: hpa.generation,
        }
      : null,
    shadow,
    comparison: compare(deployment, hpa, shadow, otherMetrics),
  };
}
