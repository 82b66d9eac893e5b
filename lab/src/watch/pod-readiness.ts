/**
 * Pods of a real cluster as the HPA controller sees them for CPU: Kubernetes' full readiness rule from the API's
 * timestamps, and the replica calculator's input for one pod.
 */
import type { PodPhase, PodSample } from '../autoscaling/replica-calculator.js';
import type { KubePod, KubePodMetrics } from './kube-adapter.js';
import type { ControllerSettings } from './types.js';

const PHASES: readonly string[] = ['Running', 'Pending', 'Failed', 'Succeeded'];

/**
 * `groupPods`' unready rule for CPU, from the real timestamps: a pod without a Ready condition or start time is
 * unready; within the CPU initialization period after its start it is unready when not ready or when its sample
 * does not yet cover a full metric window since the last readiness transition; after that period it is unready
 * only when not ready and it never became ready (the last transition came within the initial readiness delay).
 * Times missing from the API count as Go's zero time.
 */
export function isUnreadyForCpu(
  pod: KubePod,
  metric: KubePodMetrics,
  now: number,
  settings: Pick<ControllerSettings, 'cpuInitializationPeriodSeconds' | 'initialReadinessDelaySeconds'>,
): boolean {
  const condition = pod.readyCondition;
  if (condition === null || pod.startTime === null) return true;
  const zero = Number.NEGATIVE_INFINITY;
  const transition = condition.lastTransitionTime ?? zero;
  if (pod.startTime + settings.cpuInitializationPeriodSeconds * 1000 > now) {
    const sampled = metric.timestamp ?? zero;
    return condition.status === 'False' || sampled < transition + (metric.windowSeconds ?? 0) * 1000;
  }
  return condition.status === 'False' && pod.startTime + settings.initialReadinessDelaySeconds * 1000 > transition;
}

/**
 * The calculator's input for one pod. Readiness is decided here with Kubernetes' full rule (which needs the
 * timestamps the calculator's input does not carry), so `startedSecondsAgo` is left out and the calculator's own
 * initialization-period shortcut never applies.
 */
export function toPodSample(
  pod: KubePod,
  metric: KubePodMetrics | undefined,
  now: number,
  settings: Pick<ControllerSettings, 'cpuInitializationPeriodSeconds' | 'initialReadinessDelaySeconds'>,
): PodSample {
  const usage = metric?.cpuUsageMilli ?? null;
  return {
    name: pod.name,
    // Kubernetes singles out only Pending and Failed; any other phase goes through the metric and readiness checks.
    phase: (PHASES.includes(pod.phase) ? pod.phase : 'Running') as PodPhase,
    ready: metric !== undefined && usage !== null ? !isUnreadyForCpu(pod, metric, now, settings) : false,
    cpuRequestMilli: pod.cpuRequestMilli ?? 0,
    cpuUsageMilli: usage,
    startedSecondsAgo: null,
    deleting: pod.deleting,
  };
}
