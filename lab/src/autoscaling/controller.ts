import type { AutoscalerSpec } from '@carebridge/manifests';
import type { ScalingEvent } from '../telemetry/types.js';
import {
  type ControllerSettings,
  CPU_METRIC,
  DEFAULT_CONTROLLER_SETTINGS,
  type HpaDecision,
  type HpaMemory,
  type HpaSpec,
  reconcile,
  recordScale,
} from './reconcile.js';
import type { PodSample } from './replica-calculator.js';
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
  /** The controller flags (defaults: kube-controller-manager's). */
  settings?: Partial<ControllerSettings>;
}

/** The HPA of a lab service, as {@link reconcile} reads it. */
export function hpaSpecOf(autoscaler: AutoscalerSpec): HpaSpec {
  return {
    minReplicas: autoscaler.minReplicas,
    maxReplicas: autoscaler.maxReplicas,
    targetCpuUtilization: autoscaler.targetCpuUtilization,
    behavior: autoscaler.behavior,
  };
}

/**
 * The HorizontalPodAutoscaler controller for one lab service: each {@link sync} runs {@link reconcile} on the
 * service's replicas, applies a rescale, and records it in the controller's memory.
 */
export class HpaController {
  private memory: HpaMemory | undefined;
  desired: number | undefined;
  /** The last decision, rescale or not. */
  last: HpaDecision | undefined;
  private readonly now: () => number;
  private readonly settings: ControllerSettings;

  constructor(
    private readonly target: ScaleTarget,
    private readonly options: AutoscalerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.settings = { ...DEFAULT_CONTROLLER_SETTINGS, ...options.settings };
  }

  sync(): ScalingEvent | undefined {
    const now = this.now();
    const hpa = hpaSpecOf(this.target.autoscaler);
    const current = this.target.currentReplicas();
    const { decision, memory } = reconcile({
      now,
      hpa,
      currentReplicas: current,
      pods: this.target.pods(now),
      settings: this.settings,
      memory: this.memory,
    });
    this.last = decision;
    this.desired = decision.desiredReplicas;
    this.memory = memory;
    if (!decision.rescale) return undefined;
    this.memory = recordScale(memory, hpa, current, decision.desiredReplicas, now);
    this.target.scaleTo(decision.desiredReplicas);
    const c = decision.calculation;
    const event: ScalingEvent = {
      t: now,
      service: this.target.name,
      source: 'hpa',
      from: current,
      to: decision.desiredReplicas,
      reason: c ? `${CPU_METRIC} ${c.utilization}% against target ${hpa.targetCpuUtilization}%` : decision.reason,
      details: c
        ? {
            utilization: c.utilization,
            target: hpa.targetCpuUtilization,
            usageRatio: Math.round(c.usageRatio * 1000) / 1000,
            readyPods: c.readyPodCount,
            unreadyPods: c.unreadyPods.length,
            missingPods: c.missingPods.length,
            decision: c.decision,
            recommendation: c.recommendation,
            stabilized: decision.normalization?.stabilizedReplicas,
            condition: decision.normalization?.condition,
          }
        : {},
    };
    this.options.onEvent?.(event);
    return event;
  }
}

/** The comparison policy, with the same target interface. */
export class ThresholdController {
  private readonly policy: ThresholdPolicy;
  desired: number | undefined;
  private readonly now: () => number;

  constructor(
    private readonly target: ScaleTarget,
    /** Bounds default to the service's HPA's. */
    rule: Omit<ThresholdRule, 'minReplicas' | 'maxReplicas'> & Partial<ThresholdRule>,
    private readonly options: AutoscalerOptions = {},
  ) {
    this.policy = new ThresholdPolicy({
      minReplicas: target.autoscaler.minReplicas,
      maxReplicas: target.autoscaler.maxReplicas,
      ...rule,
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
