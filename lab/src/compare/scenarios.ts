/**
 * The scenarios `lab compare` drives through the lab's controllers and the real ones. Times are the full ones;
 * `--quick` divides every time (load phases, stabilization windows, policy periods) by {@link QUICK_FACTOR}, so
 * the same shapes run in a few minutes.
 */
import type { AutoscalerSpec, HpaBehavior, ScalingRules } from '@carebridge/manifests';
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
