/**
 * The scenarios `lab compare` drives through the lab's controllers and the real ones. Times are the full ones;
 * `--quick` divides every time (load phases, stabilization windows, policy periods) by {@link QUICK_FACTOR}, so
 * the same shapes run in a few minutes.
 */
import type { AutoscalerSpec, HpaBehavior, ScalingRules } from '@carebridge/manifests';
import { SEED_THRESHOLD_RULE, type ThresholdRule } from '../autoscaling/threshold.js';
import type { LoadPhase } from './scripted-load.js';

export const QUICK_FACTOR = 5;

export interface HpaScenario {
  name: string;
  title: string;
  autoscaler: AutoscalerSpec;
  phases: LoadPhase[];
  durationSeconds: number;
  /** A pod has no metrics for this long after it is created. */
  missingForSeconds: number;
  /** Also run the seed project's threshold rule on a third Deployment of the same load (`compare policy`). */
  threshold?: ThresholdRule;
}

/** A direction's rules with every window and period divided by `f` (periods stay at least 1 s). */
const scaleRules = (r: ScalingRules | null | undefined, f: number): ScalingRules | undefined =>
  r
    ? {
        ...r,
        ...(r.stabilizationWindowSeconds != null
          ? { stabilizationWindowSeconds: Math.round(r.stabilizationWindowSeconds / f) }
          : {}),
        ...(r.policies
          ? { policies: r.policies.map((p) => ({ ...p, periodSeconds: Math.max(1, Math.round(p.periodSeconds / f)) })) }
          : {}),
      }
    : undefined;

const scaleBehavior = (b: HpaBehavior | undefined, f: number): HpaBehavior | undefined =>
  b && JSON.parse(JSON.stringify({ scaleUp: scaleRules(b.scaleUp, f), scaleDown: scaleRules(b.scaleDown, f) }));

/** The committed HPA (min, max, target, behavior) under each scenario's load; 100m CPU request per pod. */
export function hpaScenarios(committed: AutoscalerSpec, quick: boolean): HpaScenario[] {
  const f = quick ? QUICK_FACTOR : 1;
  const autoscaler = { ...committed, behavior: scaleBehavior(committed.behavior, f) };
  const t = (s: number) => s / f;
  const down = (committed.behavior?.scaleDown?.stabilizationWindowSeconds ?? 300) / f;
  const idle = committed.minReplicas * 20; // 20% of request per pod at the minimum
  const busy = committed.maxReplicas * 100; // 200% of the target at the maximum
  return [
    {
      name: 'cpu-step',
      title: 'CPU step up, then down (stabilization window and policies)',
      autoscaler,
      phases: [
        { from: 0, milli: idle },
        { from: t(50), milli: busy },
        { from: t(350), milli: idle },
      ],
      durationSeconds: t(350) + down + t(250),
      missingForSeconds: 0,
    },
    {
      name: 'short-spike',
      title: 'A spike shorter than the scale-down window',
      autoscaler,
      phases: [
        { from: 0, milli: idle },
        { from: t(50), milli: busy },
        { from: t(150), milli: idle },
      ],
      durationSeconds: t(150) + down + t(250),
      missingForSeconds: 0,
    },
    {
      name: 'missing-metrics',
      title: 'Missing metrics for starting pods during a scale-up',
      autoscaler,
      phases: [
        { from: 0, milli: idle },
        { from: t(50), milli: busy },
      ],
      durationSeconds: t(400),
      missingForSeconds: t(60),
    },
  ];
}

/**
 * `compare policy`: the CPU step of {@link hpaScenarios} on three Deployments at once, the lab's HPA, the real HPA
 * and the seed project's threshold rule (70 % for 30 s out, 35 % for 15 s in, 1 to 3 replicas, one at a time).
 */
export function policyScenario(committed: AutoscalerSpec, quick: boolean): HpaScenario {
  const f = quick ? QUICK_FACTOR : 1;
  const step = hpaScenarios(committed, quick)[0] as HpaScenario;
  return {
    ...step,
    name: 'policy',
    title: 'The lab HPA, the real HPA and the seed project’s threshold rule on one CPU step',
    threshold: {
      ...SEED_THRESHOLD_RULE,
      upHoldMs: SEED_THRESHOLD_RULE.upHoldMs / f,
      downHoldMs: SEED_THRESHOLD_RULE.downHoldMs / f,
    },
  };
}
