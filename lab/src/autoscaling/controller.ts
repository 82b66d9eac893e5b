import type { AutoscalerSpec } from '@carebridge/manifests';
import type { ScalingEvent } from '../telemetry/types.js';
import { type Behavior, normalizeDetailed, type ScaleEvent } from './normalize.js';
import { calculateReplicasDetailed, type PodSample, ReplicaCalculationError } from './replica-calculator.js';
import { ThresholdPolicy, type ThresholdRule } from './threshold.js';

/** What an autoscaler sees of, and does to, one service. */
export interface ScaleTarget {
  name: string;
  autoscaler: AutoscalerSpec;
  currentReplicas(): number;
  pods(now: number): PodSample[];
  scaleTo(replicas: number): void;
}

export interface AutoscalerOptions {
  now?: () => number;
  onEvent?: (event: ScalingEvent) => void;
  cpuInitializationPeriodSeconds?: number;
  downscaleStabilizationWindowSeconds?: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * One sync of the HorizontalPodAutoscaler controller for a CPU utilization target, as
 * `reconcileAutoscaler` does it: outside min/max it goes straight to the bound; otherwise the
 * replica calculator's recommendation, stabilized and rate-limited by `normalize` (with the
 * recorded recommendations and scale events), then applied when it differs.
 */
export class HpaController {
  private recommendations: { replicas: number; t: number }[] = [];
  private scaleUps: { change: number; t: number }[] = [];
  private scaleDowns: { change: number; t: number }[] = [];
  desired: number | undefined;
  private readonly now: () => number;

  constructor(
    private readonly target: ScaleTarget,
    private readonly options: AutoscalerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  sync(): ScalingEvent | undefined {
    const now = this.now();
    const { minReplicas, maxReplicas, targetCpuUtilization, behavior } = this.target.autoscaler;
    const current = this.target.currentReplicas();
    let desired: number;
    let reason: string;
    const details: Record<string, unknown> = {};
    if (current === 0 && minReplicas !== 0) return undefined;
    if (current > maxReplicas) {
      desired = maxReplicas;
      reason = 'Current number of replicas above Spec.MaxReplicas';
    } else if (current < minReplicas) {
      desired = minReplicas;
      reason = 'Current number of replicas below Spec.MinReplicas';
    } else {
      let recommendation: number;
      try {
        const calc = calculateReplicasDetailed({
          currentReplicas: current,
          targetUtilization: targetCpuUtilization,
          ...(behavior?.scaleUp?.tolerance !== undefined ? { scaleUpTolerance: behavior.scaleUp.tolerance } : {}),
          ...(behavior?.scaleDown?.tolerance !== undefined ? { scaleDownTolerance: behavior.scaleDown.tolerance } : {}),
          ...(this.options.cpuInitializationPeriodSeconds !== undefined
            ? { cpuInitializationPeriodSeconds: this.options.cpuInitializationPeriodSeconds }
            : {}),
          pods: this.target.pods(now),
        });
        recommendation = calc.desiredReplicas;
        Object.assign(details, {
          utilization: calc.utilization,
          target: targetCpuUtilization,
          usageRatio: round(calc.usageRatio),
          readyPods: calc.readyPodCount,
          unreadyPods: calc.unreadyPods.length,
          missingPods: calc.missingPods.length,
          decision: calc.decision,
          recommendation,
        });
      } catch (error) {
        if (error instanceof ReplicaCalculationError) {
          this.desired = current;
          return undefined;
        }
        throw error;
      }
      const normalized = normalizeDetailed({
        currentReplicas: current,
        desiredReplicas: recommendation,
        minReplicas,
        maxReplicas,
        behavior: (behavior as Behavior | undefined) ?? null,
        recommendations: this.recommendations.map((r) => ({ replicas: r.replicas, secondsAgo: (now - r.t) / 1000 })),
        scaleUpEvents: this.events(this.scaleUps, now),
        scaleDownEvents: this.events(this.scaleDowns, now),
        ...(this.options.downscaleStabilizationWindowSeconds !== undefined
          ? { downscaleStabilizationWindowSeconds: this.options.downscaleStabilizationWindowSeconds }
          : {}),
      });
      this.recommendations.push({ replicas: recommendation, t: now });
      this.trim(now);
      desired = normalized.replicas;
      Object.assign(details, { stabilized: normalized.stabilizedReplicas, condition: normalized.condition });
      reason = `cpu resource utilization (percentage of request) ${details.utilization}% against target ${targetCpuUtilization}%`;
    }
    this.desired = desired;
    if (desired === current) return undefined;
    if (desired > current) this.scaleUps.push({ change: desired - current, t: now });
    else this.scaleDowns.push({ change: current - desired, t: now });
    this.target.scaleTo(desired);
    const event: ScalingEvent = {
      t: now,
      service: this.target.name,
      source: 'hpa',
      from: current,
      to: desired,
      reason,
      details,
    };
    this.options.onEvent?.(event);
    return event;
  }

  private events(list: { change: number; t: number }[], now: number): ScaleEvent[] {
    return list.map((e) => ({ replicaChange: e.change, secondsAgo: (now - e.t) / 1000 }));
  }

  /** Keeps only what the longest window or policy period can still look at. */
  private trim(now: number): void {
    const { behavior } = this.target.autoscaler;
    const periods = [
      ...(behavior?.scaleUp?.policies ?? []).map((p) => p.periodSeconds),
      ...(behavior?.scaleDown?.policies ?? []).map((p) => p.periodSeconds),
      behavior?.scaleUp?.stabilizationWindowSeconds ?? 0,
      behavior?.scaleDown?.stabilizationWindowSeconds ?? 300,
      this.options.downscaleStabilizationWindowSeconds ?? 300,
    ];
    const keepMs = Math.max(...periods, 0) * 1000 + 1000;
    this.recommendations = this.recommendations.filter((r) => now - r.t < keepMs);
    this.scaleUps = this.scaleUps.filter((e) => now - e.t < keepMs);
    this.scaleDowns = this.scaleDowns.filter((e) => now - e.t < keepMs);
  }
}

/** The comparison policy, with the same target interface. */
export class ThresholdController {
  private readonly policy: ThresholdPolicy;
  desired: number | undefined;
  private readonly now: () => number;

  constructor(
    private readonly target: ScaleTarget,
    rule: Omit<ThresholdRule, 'minReplicas' | 'maxReplicas'>,
    private readonly options: AutoscalerOptions = {},
  ) {
    this.policy = new ThresholdPolicy({
      ...rule,
      minReplicas: target.autoscaler.minReplicas,
      maxReplicas: target.autoscaler.maxReplicas,
    });
    this.now = options.now ?? Date.now;
  }

  sync(): ScalingEvent | undefined {
    const now = this.now();
    const current = this.target.currentReplicas();
    const measured = this.target.pods(now).filter((p) => p.ready && p.cpuUsageMilli !== null);
    const utilization =
      measured.length === 0
        ? null
        : (measured.reduce((n, p) => n + (p.cpuUsageMilli ?? 0), 0) * 100) /
          measured.reduce((n, p) => n + p.cpuRequestMilli, 0);
    const { replicas, reason } = this.policy.decide(now, utilization, current);
    this.desired = replicas;
    if (replicas === current) return undefined;
    this.target.scaleTo(replicas);
    const event: ScalingEvent = {
      t: now,
      service: this.target.name,
      source: 'threshold',
      from: current,
      to: replicas,
      reason,
      details: { utilization: utilization === null ? null : Math.round(utilization) },
    };
    this.options.onEvent?.(event);
    return event;
  }
}
