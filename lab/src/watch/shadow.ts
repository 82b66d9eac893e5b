/**
 * The shadow HPA of `lab watch`: per HPA of the namespace, the controller's memory and, each poll, the lab's
 * {@link reconcile} on what the cluster shows (the Deployment's `spec.replicas`, the pods its selector picks, their
 * metrics), without writing anything. A change of `spec.replicas` between polls is recorded as the rescale the
 * controller made (the shadow sees it one poll late at most), so the policies look at the same events.
 */
import {
  type ControllerSettings,
  DEFAULT_CONTROLLER_SETTINGS,
  type HpaMemory,
  type HpaSpec,
  reconcile,
  recordScale,
} from '../autoscaling/reconcile.js';
import type { KubeDeployment, KubeHpa, KubePod, KubePodMetrics } from './kube-adapter.js';
import { toPodSample } from './pod-readiness.js';
import type { ShadowDecision } from './types.js';

export interface ShadowInput {
  key: string;
  deployment: KubeDeployment;
  hpa: KubeHpa;
  /** The pods the Deployment's selector picks, all phases. */
  pods: KubePod[];
  metrics: ReadonlyMap<string, KubePodMetrics>;
  /** Set when the metrics API failed. */
  metricsError: string | null;
  now: number;
}

const isCpuUtilization = (m: KubeHpa['metrics'][number]) =>
  m.type === 'Resource' && m.resource === 'cpu' && m.targetType === 'Utilization';

export function cpuTarget(hpa: KubeHpa): number | null {
  return hpa.metrics.find(isCpuUtilization)?.averageUtilization ?? null;
}

export function otherMetricsOf(hpa: KubeHpa): string[] {
  return hpa.metrics
    .filter((m) => !isCpuUtilization(m))
    .map((m) => (m.resource ? `${m.type} ${m.resource} (${m.targetType ?? '?'})` : m.type));
}

export function hpaSpecOfKube(hpa: KubeHpa): HpaSpec {
  return {
    minReplicas: hpa.minReplicas ?? 1,
    maxReplicas: hpa.maxReplicas,
    targetCpuUtilization: cpuTarget(hpa),
    behavior: hpa.behavior,
  };
}

/** Why the HPA cannot compute CPU at all, before the calculator runs (as the metrics client errs). */
function unavailable(input: ShadowInput): string | null {
  if (input.metricsError !== null) return `unable to get metrics for resource cpu: ${input.metricsError}`;
  const sampled = input.pods.some((p) => input.metrics.get(p.name)?.cpuUsageMilli != null);
  const withoutRequest = sampled ? input.pods.find((p) => p.cpuRequestMilli === null) : undefined;
  return withoutRequest
    ? `missing request for cpu in container ${withoutRequest.containersWithoutCpuRequest[0]} of Pod ${withoutRequest.name}`
    : null;
}

export class ShadowController {
  private readonly memory = new Map<string, { hpa: HpaMemory; lastSpecReplicas: number }>();

  constructor(readonly settings: ControllerSettings = DEFAULT_CONTROLLER_SETTINGS) {}

  /** Forget HPAs that no longer exist (as the controller does when an HPA is deleted). */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.memory.keys()) if (!keys.has(key)) this.memory.delete(key);
  }

  /** One reconcile of one HPA, without writing anything: what would the controller set `spec.replicas` to? */
  decide(input: ShadowInput): ShadowDecision {
    const { deployment, now, key } = input;
    const hpa = hpaSpecOfKube(input.hpa);
    const current = deployment.specReplicas;
    const known = this.memory.get(key);
    const observed = known ? recordScale(known.hpa, hpa, known.lastSpecReplicas, current, now) : undefined;
    const { decision, memory } = reconcile({
      now,
      hpa,
      currentReplicas: current,
      pods: input.pods.map((p) => toPodSample(p, input.metrics.get(p.name), now, this.settings)),
      unavailable: unavailable(input),
      settings: this.settings,
      memory: observed,
    });
    this.memory.set(key, { hpa: memory, lastSpecReplicas: current });
    // Scaling is disabled at 0: the shadow proposes nothing.
    return current === 0 ? { ...decision, rescale: false } : decision;
  }
}
