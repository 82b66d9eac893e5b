/**
 * One sync of one HorizontalPodAutoscaler with a CPU `Utilization` target, as `reconcileAutoscaler` does it in
 * Kubernetes' `pkg/controller/podautoscaler/horizontal.go`: a target at 0 with `minReplicas` ≠ 0 disables
 * scaling; outside min/max it goes straight to the bound; otherwise the replica calculator's recommendation,
 * stabilized and rate-limited by normalisation over the controller's memory of past recommendations and rescales.
 *
 * Pure, with time injected: the memory goes in and the next memory comes out. The lab's own controller
 * (`controller.ts`), the shadow of `lab watch` (`../watch/shadow.ts`) and the tests all call this one function.
 * Rescales enter the memory through {@link recordScale}, called by whoever sees the scale happen (the lab's
 * controller when it applies one, the shadow when it observes the cluster's).
 */
import type { HpaBehavior } from '@carebridge/manifests';
import { type NormalizeDetail, normalizeDetailed, type ScaleEvent } from './normalize.js';
import {
  calculateReplicasDetailed,
  DEFAULT_CPU_INITIALIZATION_PERIOD_SECONDS,
  DEFAULT_TOLERANCE,
  type PodSample,
  type ReplicaDecision,
} from './replica-calculator.js';

/** The kube-controller-manager flags the HPA controller runs with. */
export interface ControllerSettings {
  /** `--horizontal-pod-autoscaler-tolerance`. */
  tolerance: number;
  /** `--horizontal-pod-autoscaler-cpu-initialization-period`, seconds. */
  cpuInitializationPeriodSeconds: number;
  /** `--horizontal-pod-autoscaler-initial-readiness-delay`, seconds. */
  initialReadinessDelaySeconds: number;
  /** `--horizontal-pod-autoscaler-downscale-stabilization`, seconds. */
  downscaleStabilizationWindowSeconds: number;
  /** Without `behavior`, scale-up is capped at `max(factor × current, minimum)`: package constants (2 and 4) that
   * Kubernetes' own tests override, so they are settable here too. */
  scaleUpLimitFactor?: number;
  scaleUpLimitMinimum?: number;
}

export const DEFAULT_CONTROLLER_SETTINGS: ControllerSettings = {
  tolerance: DEFAULT_TOLERANCE,
  cpuInitializationPeriodSeconds: DEFAULT_CPU_INITIALIZATION_PERIOD_SECONDS,
  initialReadinessDelaySeconds: 30,
  downscaleStabilizationWindowSeconds: 300,
};

/** What of an HPA's spec the reconcile reads. */
export interface HpaSpec {
  minReplicas: number;
  maxReplicas: number;
  /** `null` when the HPA has no Resource cpu Utilization target. */
  targetCpuUtilization: number | null;
  behavior: HpaBehavior | null | undefined;
}

/** The controller's memory of one HPA (`recommendations[key]`, `scaleUpEvents[key]`, `scaleDownEvents[key]`). */
export interface HpaMemory {
  firstSeen: number;
  recommendations: { replicas: number; t: number }[];
  scaleUps: { change: number; t: number }[];
  scaleDowns: { change: number; t: number }[];
}

export interface ReconcileInput {
  /** Epoch milliseconds. */
  now: number;
  hpa: HpaSpec;
  /** The target's `spec.replicas` (the scale subresource). */
  currentReplicas: number;
  /** The pods the target's selector picks, as the replica calculator takes them. */
  pods: PodSample[];
  /** Why the metrics cannot be had at all (the metrics API failed, a pod has no CPU request, …). */
  unavailable?: string | null;
  settings: ControllerSettings;
  /** `undefined` on first sight: seeded with the current count, as `recordInitialRecommendation` does. */
  memory: HpaMemory | undefined;
}

export interface HpaCalculation {
  /** Integer CPU utilization of the ready pods with samples, as the HPA reports it. */
  utilization: number;
  usageRatio: number;
  adjustedUsageRatio: number | null;
  decision: ReplicaDecision;
  /** The calculator's answer before normalisation (the recommendation that enters the memory). */
  recommendation: number;
  readyPodCount: number;
  unreadyPods: string[];
  missingPods: string[];
  ignoredPods: string[];
}

export interface HpaDecision {
  /** False when the HPA fails to compute a recommendation (its `ScalingActive` is False). */
  ok: boolean;
  error: string | null;
  currentReplicas: number;
  /** What `spec.replicas` is set to (the current count when there is no rescale). */
  desiredReplicas: number;
  rescale: boolean;
  /** As the controller's event or log says it. */
  reason: string;
  calculation: HpaCalculation | null;
  normalization: NormalizeDetail | null;
  /** The memory is younger than the longest stabilization window or policy period of this HPA. */
  warmingUp: boolean;
}

export interface ReconcileResult {
  decision: HpaDecision;
  memory: HpaMemory;
}

export const CPU_METRIC = 'cpu resource utilization (percentage of request)';

/** The longest stabilization window or policy period the HPA's normalisation looks back over, in seconds. */
export function lookBackSeconds(behavior: HpaBehavior | null | undefined, settings: ControllerSettings): number {
  if (!behavior) return settings.downscaleStabilizationWindowSeconds;
  const periods = [...(behavior.scaleUp?.policies ?? []), ...(behavior.scaleDown?.policies ?? [])].map(
    (p) => p.periodSeconds,
  );
  return Math.max(
    behavior.scaleUp?.stabilizationWindowSeconds ?? 0,
    behavior.scaleDown?.stabilizationWindowSeconds ?? settings.downscaleStabilizationWindowSeconds,
    // Defaulted policies look back 15 s.
    15,
    ...periods,
  );
}

/** Drops what no window or period can look at any more. */
function trimmed(memory: HpaMemory, hpa: HpaSpec, settings: ControllerSettings, now: number): HpaMemory {
  const horizon = now - lookBackSeconds(hpa.behavior, settings) * 1000 - 1000;
  return {
    firstSeen: memory.firstSeen,
    recommendations: memory.recommendations.filter((r) => r.t >= horizon).slice(-1000),
    scaleUps: memory.scaleUps.filter((e) => e.t >= horizon),
    scaleDowns: memory.scaleDowns.filter((e) => e.t >= horizon),
  };
}

/**
 * `storeScaleEvent`: a rescale from `from` to `to` at `now`, kept only when the HPA has `behavior` (the
 * controller's policies are the only reader of these events).
 */
export function recordScale(memory: HpaMemory, hpa: HpaSpec, from: number, to: number, now: number): HpaMemory {
  if (!hpa.behavior || from === to) return memory;
  const event = { change: Math.abs(to - from), t: now };
  return to > from
    ? { ...memory, scaleUps: [...memory.scaleUps, event] }
    : { ...memory, scaleDowns: [...memory.scaleDowns, event] };
}

export function reconcile(input: ReconcileInput): ReconcileResult {
  const { hpa, now, settings, currentReplicas: current } = input;
  const seeded: HpaMemory = input.memory ?? {
    firstSeen: now,
    recommendations: [{ replicas: current, t: now }],
    scaleUps: [],
    scaleDowns: [],
  };
  const memory = trimmed(seeded, hpa, settings, now);
  const warmingUp = now - memory.firstSeen < lookBackSeconds(hpa.behavior, settings) * 1000;
  const base = { currentReplicas: current, warmingUp, calculation: null, normalization: null };
  const decided = (desired: number, reason: string): ReconcileResult => {
    const rescale = desired !== current;
    return { decision: { ...base, ok: true, error: null, desiredReplicas: desired, rescale, reason }, memory };
  };
  const unable = (error: string): ReconcileResult => ({
    decision: {
      ...base,
      ok: false,
      error,
      desiredReplicas: current,
      rescale: false,
      reason: `the HPA was unable to compute the replica count: ${error}`,
    },
    memory,
  });

  if (current === 0 && hpa.minReplicas !== 0) {
    return decided(0, 'scaling is disabled since the replica count of the target is zero');
  }
  if (current > hpa.maxReplicas) return decided(hpa.maxReplicas, 'Current number of replicas above Spec.MaxReplicas');
  if (current < hpa.minReplicas) return decided(hpa.minReplicas, 'Current number of replicas below Spec.MinReplicas');
  if (hpa.targetCpuUtilization === null) {
    return unable('no Resource cpu Utilization target (the only metric the lab computes)');
  }
  if (input.unavailable) return unable(input.unavailable);

  let detail: ReturnType<typeof calculateReplicasDetailed>;
  try {
    const up = hpa.behavior?.scaleUp?.tolerance;
    const down = hpa.behavior?.scaleDown?.tolerance;
    detail = calculateReplicasDetailed({
      currentReplicas: current,
      targetUtilization: hpa.targetCpuUtilization,
      tolerance: settings.tolerance,
      scaleUpTolerance: up ?? undefined,
      scaleDownTolerance: down ?? undefined,
      cpuInitializationPeriodSeconds: settings.cpuInitializationPeriodSeconds,
      pods: input.pods,
    });
  } catch (error) {
    return unable((error as Error).message);
  }

  const recommendation = detail.desiredReplicas;
  const secondsAgo = (t: number) => (now - t) / 1000;
  const events = (list: { change: number; t: number }[]): ScaleEvent[] =>
    list.map((e) => ({ replicaChange: e.change, secondsAgo: secondsAgo(e.t) }));
  const normalization = normalizeDetailed({
    currentReplicas: current,
    desiredReplicas: recommendation,
    minReplicas: hpa.minReplicas,
    maxReplicas: hpa.maxReplicas,
    behavior: hpa.behavior ?? null,
    recommendations: memory.recommendations.map((r) => ({ replicas: r.replicas, secondsAgo: secondsAgo(r.t) })),
    scaleUpEvents: events(memory.scaleUps),
    scaleDownEvents: events(memory.scaleDowns),
    downscaleStabilizationWindowSeconds: settings.downscaleStabilizationWindowSeconds,
    scaleUpLimitFactor: settings.scaleUpLimitFactor,
    scaleUpLimitMinimum: settings.scaleUpLimitMinimum,
  });

  let reason = 'recommended size matches current size';
  if (recommendation > current) reason = `${CPU_METRIC} above target`;
  else if (recommendation < current) reason = 'All metrics below target';
  if (normalization.replicas !== current) reason = `New size: ${normalization.replicas}; reason: ${reason}`;
  else if (normalization.stabilization !== 'ReadyForNewScale') reason = `${normalization.stabilization}: ${reason}`;
  else if (normalization.limited) reason = `${normalization.condition}: ${reason}`;
  const result = decided(normalization.replicas, reason);
  return {
    decision: {
      ...result.decision,
      calculation: {
        utilization: detail.utilization,
        usageRatio: detail.usageRatio,
        adjustedUsageRatio: detail.adjustedUsageRatio ?? null,
        decision: detail.decision,
        recommendation,
        readyPodCount: detail.readyPodCount,
        unreadyPods: detail.unreadyPods,
        missingPods: detail.missingPods,
        ignoredPods: detail.ignoredPods,
      },
      normalization,
    },
    memory: { ...memory, recommendations: [...memory.recommendations, { replicas: recommendation, t: now }] },
  };
}
