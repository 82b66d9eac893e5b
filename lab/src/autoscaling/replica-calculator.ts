/**
 * The HorizontalPodAutoscaler's replica calculation for a CPU `Utilization` target, as Kubernetes does it in
 * `pkg/controller/podautoscaler/replica_calculator.go` (`GetResourceReplicas`, `groupPods`) and
 * `pkg/controller/podautoscaler/metrics/utilization.go` (`GetResourceUtilizationRatio`).
 *
 * Pure: the caller passes every pod with its request, its usage sample (or `null` when metrics-server has none),
 * its phase and readiness. Time is relative (`startedSecondsAgo`), so there is no clock here.
 */

export type PodPhase = 'Running' | 'Pending' | 'Failed' | 'Succeeded';

export interface PodSample {
  name?: string;
  phase: PodPhase;
  /** The pod's Ready condition. */
  ready: boolean;
  /** Sum of the containers' CPU requests, in millicores (a fraction is rounded up, as `MilliValue()` does). */
  cpuRequestMilli: number;
  /** The pod's CPU usage in the last sample, in millicores (rounded up likewise); `null` when no sample exists. */
  cpuUsageMilli: number | null;
  /** Seconds since the pod started; absent means it started long ago. */
  startedSecondsAgo?: number | null;
  /** The pod has a deletion timestamp. */
  deleting?: boolean;
}

export interface ReplicaCalculationInput {
  currentReplicas: number;
  /** Target average utilization, percent of request (`spec.metrics[].resource.target.averageUtilization`). */
  targetUtilization: number;
  /** Both directions (default 0.1, the controller's `--horizontal-pod-autoscaler-tolerance`). */
  tolerance?: number;
  /** Overrides `tolerance` for scale-up (`behavior.scaleUp.tolerance`). */
  scaleUpTolerance?: number;
  /** Overrides `tolerance` for scale-down (`behavior.scaleDown.tolerance`). */
  scaleDownTolerance?: number;
  /** `--horizontal-pod-autoscaler-cpu-initialization-period` in seconds (default 300). */
  cpuInitializationPeriodSeconds?: number;
  pods: PodSample[];
}

export interface ReplicaCalculationResult {
  desiredReplicas: number;
  /** Integer CPU utilization of the pods that count (ready, with metrics), before any adjustment. */
  utilization: number;
}

/** Why the result is what it is, for events and dashboards (like `kubectl describe hpa`). */
export type ReplicaDecision =
  | 'within-tolerance'
  | 'ratio'
  | 'adjusted-within-tolerance'
  | 'adjusted-direction-changed'
  | 'adjusted-replicas-direction-changed'
  | 'adjusted-ratio';

export interface ReplicaCalculationDetail extends ReplicaCalculationResult {
  /** `utilization / targetUtilization`. */
  usageRatio: number;
  /** The ratio after counting missing and unready pods, when that adjustment ran. */
  adjustedUsageRatio?: number;
  readyPodCount: number;
  unreadyPods: string[];
  missingPods: string[];
  ignoredPods: string[];
  decision: ReplicaDecision;
}

/** Kubernetes' calculation failed (no pods, no usable metrics, ...): the HPA would report `ScalingActive=False`. */
export class ReplicaCalculationError extends Error {
  override name = 'ReplicaCalculationError';
}

export const DEFAULT_TOLERANCE = 0.1;
export const DEFAULT_CPU_INITIALIZATION_PERIOD_SECONDS = 300;

/** `Tolerances.isWithin`: `(1 - scaleDown) <= ratio <= (1 + scaleUp)`. */
export interface Tolerances {
  scaleDown: number;
  scaleUp: number;
}

export function isWithinTolerance(t: Tolerances, usageRatio: number): boolean {
  return 1.0 - t.scaleDown <= usageRatio && usageRatio <= 1.0 + t.scaleUp;
}

export function tolerancesOf(
  input: Pick<ReplicaCalculationInput, 'tolerance' | 'scaleUpTolerance' | 'scaleDownTolerance'>,
): Tolerances {
  const both = input.tolerance ?? DEFAULT_TOLERANCE;
  return { scaleDown: input.scaleDownTolerance ?? both, scaleUp: input.scaleUpTolerance ?? both };
}

export interface PodGroups {
  readyPodCount: number;
  /** Indexes into the pod list. */
  unready: number[];
  missing: number[];
  ignored: number[];
}

/**
 * `groupPods` for the CPU resource. Order matters and follows Kubernetes: deleting or Failed pods are ignored;
 * Pending pods are unready; then a pod without a sample is missing (even when not ready); then a pod is unready
 * when not ready or still within the CPU initialization period. This input carries no readiness-transition or
 * sample times, so "within the initialization period" stands for Kubernetes' "no full metric window since the
 * last readiness transition" (see docs/lab-calculators.md).
 */
export function groupPods(pods: readonly PodSample[], cpuInitializationPeriodSeconds: number): PodGroups {
  const groups: PodGroups = { readyPodCount: 0, unready: [], missing: [], ignored: [] };
  pods.forEach((pod, i) => {
    if (pod.deleting === true || pod.phase === 'Failed') {
      groups.ignored.push(i);
      return;
    }
    if (pod.phase === 'Pending') {
      groups.unready.push(i);
      return;
    }
    if (pod.cpuUsageMilli === null || pod.cpuUsageMilli === undefined) {
      groups.missing.push(i);
      return;
    }
    const started = pod.startedSecondsAgo;
    const initializing = started !== undefined && started !== null && started < cpuInitializationPeriodSeconds;
    if (!pod.ready || initializing) {
      groups.unready.push(i);
      return;
    }
    groups.readyPodCount++;
  });
  return groups;
}

/**
 * `GetResourceUtilizationRatio`: integer utilization `(Σusage × 100) / Σrequest` (Go integer division, i.e.
 * truncation) over the pods in `usage`, and the ratio of that integer to the target.
 */
export function resourceUtilizationRatio(
  usage: ReadonlyMap<number, number>,
  requests: readonly number[],
  targetUtilization: number,
): { usageRatio: number; utilization: number } {
  let metricsTotal = 0n;
  let requestsTotal = 0n;
  for (const [i, value] of usage) {
    metricsTotal += BigInt(value);
    requestsTotal += BigInt(requests[i]!);
  }
  if (requestsTotal === 0n) throw new ReplicaCalculationError('no metrics returned matched known pods');
  const percentage = (metricsTotal * 100n) / requestsTotal;
  if (percentage > 2147483647n || percentage < -2147483648n) {
    throw new ReplicaCalculationError(`resource utilization ${percentage} is outside the int32 range`);
  }
  const utilization = Number(percentage);
  return { usageRatio: utilization / targetUtilization, utilization };
}

function validate(input: ReplicaCalculationInput): void {
  const int = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);
  if (!int(input.currentReplicas) || input.currentReplicas < 0) {
    throw new RangeError('currentReplicas must be a non-negative integer');
  }
  if (!int(input.targetUtilization) || input.targetUtilization <= 0) {
    throw new RangeError('targetUtilization must be a positive integer');
  }
  const milli = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;
  for (const pod of input.pods) {
    if (!milli(pod.cpuRequestMilli)) throw new RangeError('cpuRequestMilli must be a non-negative number');
    if (pod.cpuUsageMilli !== null && pod.cpuUsageMilli !== undefined && !milli(pod.cpuUsageMilli)) {
      throw new RangeError('cpuUsageMilli must be a non-negative number or null');
    }
  }
}

/** `Quantity.MilliValue()`: whole millicores, a fraction rounded up. */
const milliValue = (v: number) => Math.ceil(v);

/** `GetResourceReplicas`, with the reason for the result. Throws {@link ReplicaCalculationError} as Kubernetes errs. */
export function calculateReplicasDetailed(input: ReplicaCalculationInput): ReplicaCalculationDetail {
  validate(input);
  const { currentReplicas, targetUtilization, pods } = input;
  const tolerances = tolerancesOf(input);
  if (pods.length === 0) {
    throw new ReplicaCalculationError('no pods returned by selector while calculating replica count');
  }
  if (pods.every((p) => p.cpuUsageMilli === null || p.cpuUsageMilli === undefined)) {
    // What the metrics client reports when metrics-server returns no sample for the selector.
    throw new ReplicaCalculationError(
      'unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    );
  }
  const groups = groupPods(pods, input.cpuInitializationPeriodSeconds ?? DEFAULT_CPU_INITIALIZATION_PERIOD_SECONDS);
  const requests = pods.map((p) => milliValue(p.cpuRequestMilli));
  const nameOf = (i: number) => pods[i]!.name ?? `pod-${i}`;

  // The metrics map after removeMetricsForPods(ignored) and removeMetricsForPods(unready): the ready pods' samples.
  const usage = new Map<number, number>();
  const excluded = new Set([...groups.ignored, ...groups.unready]);
  pods.forEach((pod, i) => {
    if (!excluded.has(i) && pod.cpuUsageMilli !== null && pod.cpuUsageMilli !== undefined) {
      usage.set(i, milliValue(pod.cpuUsageMilli));
    }
  });
  if (usage.size === 0) {
    throw new ReplicaCalculationError('did not receive metrics for targeted pods (pods might be unready)');
  }

  const { usageRatio, utilization } = resourceUtilizationRatio(usage, requests, targetUtilization);
  const detail = {
    utilization,
    usageRatio,
    readyPodCount: groups.readyPodCount,
    unreadyPods: groups.unready.map(nameOf),
    missingPods: groups.missing.map(nameOf),
    ignoredPods: groups.ignored.map(nameOf),
  };

  const scaleUpWithUnready = groups.unready.length > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && groups.missing.length === 0) {
    if (isWithinTolerance(tolerances, usageRatio)) {
      return { ...detail, desiredReplicas: currentReplicas, decision: 'within-tolerance' };
    }
    return { ...detail, desiredReplicas: Math.ceil(usageRatio * groups.readyPodCount), decision: 'ratio' };
  }

  if (groups.missing.length > 0) {
    if (usageRatio < 1.0) {
      // On a scale-down, a missing pod counts as using 100% of its request, or the target when the target is
      // above 100% (`fallbackUtilization := max(100, targetUtilization)`; integer arithmetic as in Go).
      const fallback = BigInt(Math.max(100, targetUtilization));
      for (const i of groups.missing) usage.set(i, Number((BigInt(requests[i]!) * fallback) / 100n));
    } else if (usageRatio > 1.0) {
      // On a scale-up, a missing pod counts as using 0%.
      for (const i of groups.missing) usage.set(i, 0);
    }
  }
  if (scaleUpWithUnready) {
    // On a scale-up, an unready pod counts as using 0%.
    for (const i of groups.unready) usage.set(i, 0);
  }

  const adjusted = resourceUtilizationRatio(usage, requests, targetUtilization).usageRatio;
  const withAdjusted = { ...detail, adjustedUsageRatio: adjusted };
  if (isWithinTolerance(tolerances, adjusted)) {
    return { ...withAdjusted, desiredReplicas: currentReplicas, decision: 'adjusted-within-tolerance' };
  }
  if ((usageRatio < 1.0 && adjusted > 1.0) || (usageRatio > 1.0 && adjusted < 1.0)) {
    return { ...withAdjusted, desiredReplicas: currentReplicas, decision: 'adjusted-direction-changed' };
  }
  const newReplicas = Math.ceil(adjusted * usage.size);
  if ((adjusted < 1.0 && newReplicas > currentReplicas) || (adjusted > 1.0 && newReplicas < currentReplicas)) {
    return { ...withAdjusted, desiredReplicas: currentReplicas, decision: 'adjusted-replicas-direction-changed' };
  }
  return { ...withAdjusted, desiredReplicas: newReplicas, decision: 'adjusted-ratio' };
}

/** What an HPA with a CPU `Utilization` target recommends, before normalisation. */
export function calculateReplicas(input: ReplicaCalculationInput): ReplicaCalculationResult {
  const { desiredReplicas, utilization } = calculateReplicasDetailed(input);
  return { desiredReplicas, utilization };
}
