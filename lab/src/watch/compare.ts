/** The shadow's decision next to the cluster HPA's: agree, or why not. */
import type { KubeDeployment, KubeHpa } from './kube-adapter.js';
import type { Comparison, ShadowDecision, WatchedPod } from './types.js';

export function compare(
  deployment: KubeDeployment,
  hpa: KubeHpa | null,
  shadow: ShadowDecision | null,
  otherMetrics: string[],
): Comparison {
  if (!hpa) return { verdict: 'no-hpa', clusterDesired: null, shadowDesired: null, notes: [] };
  const clusterDesired = hpa.status.desiredReplicas;
  const notes: string[] = [];
  if (!shadow?.ok) {
    const active = hpa.status.conditions.find((c) => c.type === 'ScalingActive');
    if (shadow?.error) notes.push(`shadow: ${shadow.error}`);
    if (active?.status === 'False')
      notes.push(`cluster HPA: ScalingActive False (${active.reason}): ${active.message}`);
    return { verdict: 'unable', clusterDesired, shadowDesired: null, notes };
  }
  const shadowDesired = shadow.desiredReplicas;
  if (otherMetrics.length > 0) {
    notes.push(`the HPA also scales on ${otherMetrics.join(', ')}; the shadow computes cpu only`);
  }
  if (shadowDesired === clusterDesired) return { verdict: 'agree', clusterDesired, shadowDesired, notes };

  const lag: string[] = [];
  if (
    hpa.generation !== null &&
    hpa.status.observedGeneration !== null &&
    hpa.status.observedGeneration < hpa.generation
  ) {
    lag.push(`the HPA status is of generation ${hpa.status.observedGeneration}, its spec is at ${hpa.generation}`);
  }
  if (hpa.status.currentReplicas !== null && hpa.status.currentReplicas !== deployment.specReplicas) {
    lag.push(
      `the HPA status was written when the Deployment had ${hpa.status.currentReplicas} replicas (now ${deployment.specReplicas})`,
    );
  }
  const utilization = shadow.calculation?.utilization ?? null;
  if (utilization !== null && hpa.status.currentCpuUtilization !== utilization) {
    lag.push(
      hpa.status.currentCpuUtilization === null
        ? `the HPA status has no CPU measurement yet (the metrics now give ${utilization}%)`
        : `the HPA status shows ${hpa.status.currentCpuUtilization}% CPU, the metrics now give ${utilization}%`,
    );
  }
  if (otherMetrics.length > 0) return { verdict: 'partial', clusterDesired, shadowDesired, notes: [...notes, ...lag] };
  if (lag.length > 0) return { verdict: 'lagging', clusterDesired, shadowDesired, notes: [...notes, ...lag] };
  if (shadow.warmingUp) {
    notes.push('the shadow has watched for less than the longest stabilization window or policy period of this HPA');
    return { verdict: 'warming-up', clusterDesired, shadowDesired, notes };
  }
  notes.push('same inputs, different decision');
  return { verdict: 'disagree', clusterDesired, shadowDesired, notes };
}

/** Integer utilization of the ready pods that have samples (as the HPA computes it), or null without any. */
export function plainUtilization(pods: WatchedPod[]): number | null {
  let usage = 0;
  let request = 0;
  for (const p of pods) {
    if (p.ready && !p.deleting && p.cpuUsageMilli !== null && p.cpuRequestMilli !== null) {
      usage += p.cpuUsageMilli;
      request += p.cpuRequestMilli;
    }
  }
  return request > 0 ? Math.trunc((usage * 100) / request) : null;
}
