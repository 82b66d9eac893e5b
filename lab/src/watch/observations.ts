/**
 * What one poll of a namespace is read as, apart from the polling itself: which HPA scales which
 * Deployment, whether `spec.replicas` moved between two polls (and why, in the HPA controller's own
 * words), and the point of the shadow history. Pure: the watcher passes the reads and the time.
 */
import { CPU_METRIC } from '../autoscaling/reconcile.js';
import type { ScalingEvent } from '../telemetry/types.js';
import type { KubeDeployment, KubeHpa } from './kube-adapter.js';
import type { ShadowPoint, WatchedService } from './types.js';

export interface HpaTargets {
  /** The HPA of each Deployment (by name) that one scales. */
  byDeployment: Map<string, KubeHpa>;
  /** HPAs left out, and why. */
  notes: string[];
}

/** Pairs HPAs with the namespace's Deployments; one aimed elsewhere, or a second one, is noted and left out. */
export function hpaTargets(hpas: KubeHpa[], deployments: KubeDeployment[], namespace: string): HpaTargets {
  const byDeployment = new Map<string, KubeHpa>();
  const notes: string[] = [];
  const names = new Set(deployments.map((d) => d.name));
  for (const hpa of hpas) {
    const { kind, name, apiVersion } = hpa.target;
    if (kind !== 'Deployment' || !apiVersion.startsWith('apps/') || !names.has(name)) {
      notes.push(`HPA ${hpa.name} scales ${kind} ${name}, which is not a Deployment of namespace ${namespace}`);
      continue;
    }
    const first = byDeployment.get(name);
    if (first) {
      notes.push(`HPAs ${first.name} and ${hpa.name} both scale Deployment ${name}; showing the first`);
      continue;
    }
    byDeployment.set(name, hpa);
  }
  return { byDeployment, notes };
}

type Observed = Pick<WatchedService, 'name' | 'deployment' | 'hpa' | 'shadow'>;

/** Why `spec.replicas` went from `from` to `to`, as the HPA controller words it when its status asks for `to`. */
function scalingReason(now: Observed, from: number, to: number): { byHpa: boolean; why: string } {
  const hpa = now.hpa;
  if (!hpa) return { byHpa: false, why: 'spec.replicas changed (no HPA)' };
  if (hpa.status.desiredReplicas !== to) {
    return { byHpa: false, why: 'spec.replicas changed (not by the HPA, whose status asks for another count)' };
  }
  if (hpa.maxReplicas < from) return { byHpa: true, why: 'Current number of replicas above Spec.MaxReplicas' };
  if (hpa.minReplicas > from) return { byHpa: true, why: 'Current number of replicas below Spec.MinReplicas' };
  return { byHpa: true, why: to > from ? `${CPU_METRIC} above target` : 'All metrics below target' };
}

/** A change of `spec.replicas` between two polls is a scaling event, the HPA's when its status says so. */
export function scalingEvent(before: Observed | undefined, now: Observed, t: number): ScalingEvent | null {
  if (!before) return null;
  const from = before.deployment.specReplicas;
  const to = now.deployment.specReplicas;
  if (from === to) return null;
  const { byHpa, why } = scalingReason(now, from, to);
  const hpa = now.hpa;
  return {
    t,
    service: now.name,
    source: byHpa ? 'hpa' : 'manual',
    from,
    to,
    reason: byHpa ? `New size: ${to}; reason: ${why}` : why,
    details: {
      observed: 'cluster',
      hpa: hpa?.name ?? null,
      lastScaleTime: hpa?.status.lastScaleTime ?? null,
      clusterUtilization: hpa?.status.currentCpuUtilization ?? null,
      targetUtilization: hpa?.targetUtilization ?? null,
      conditions: hpa?.status.conditions ?? [],
      shadowBefore: before.shadow?.desiredReplicas ?? null,
      shadowNow: now.shadow?.desiredReplicas ?? null,
    },
  };
}

/** The cluster's and the shadow's desired replicas side by side, for a service with an HPA. */
export function shadowPoint(service: WatchedService, t: number): ShadowPoint | null {
  const hpa = service.hpa;
  if (!hpa) return null;
  return {
    t,
    service: service.name,
    hpa: hpa.name,
    currentReplicas: service.deployment.specReplicas,
    clusterDesired: hpa.status.desiredReplicas,
    shadowDesired: service.comparison.shadowDesired,
    utilization: service.shadow?.calculation?.utilization ?? null,
    clusterUtilization: hpa.status.currentCpuUtilization,
    verdict: service.comparison.verdict,
  };
}
