/**
 * The HorizontalPodAutoscaler controller's normalisation of a recommendation, as Kubernetes does it in
 * `pkg/controller/podautoscaler/horizontal.go`:
 * - without `behavior`: `stabilizeRecommendation` (downscale stabilization window) then
 *   `convertDesiredReplicasWithRules` (scale-up cap `max(scaleUpLimitFactor × current, scaleUpLimitMinimum)`,
 *   min/max);
 * - with `behavior`: `stabilizeRecommendationWithBehaviors` then `convertDesiredReplicasWithBehaviorRate`
 *   (`calculateScaleUpLimitWithScalingRules` / `calculateScaleDownLimitWithBehaviors` over the scale events within
 *   each policy's period, selectPolicy Max/Min/Disabled, then min/max).
 *
 * Pure: history is passed in with `secondsAgo` instead of timestamps. A record exactly as old as a window or
 * period is outside it (Kubernetes compares `timestamp.After(now - window)`).
 */
import type { HpaBehavior, ScalingPolicy, ScalingRules, SelectPolicy } from '@carebridge/manifests';

/** `ScalingRules` after defaulting: every field set. */
export interface ResolvedScalingRules {
  selectPolicy: SelectPolicy;
  stabilizationWindowSeconds: number;
  policies: ScalingPolicy[];
}

export interface TimedRecommendation {
  replicas: number;
  secondsAgo: number;
}

/** A past scaling change; `replicaChange` is the absolute number of replicas added (or removed). */
export interface ScaleEvent {
  replicaChange: number;
  secondsAgo: number;
}

export interface NormalizeInput {
  currentReplicas: number;
  desiredReplicas: number;
  minReplicas?: number;
  maxReplicas: number;
  behavior?: HpaBehavior | null;
  recommendations?: TimedRecommendation[];
  scaleUpEvents?: ScaleEvent[];
  scaleDownEvents?: ScaleEvent[];
  /** `--horizontal-pod-autoscaler-downscale-stabilization` (default 300 s). */
  downscaleStabilizationWindowSeconds?: number;
  /** Without behavior: the cap is `max(scaleUpLimitFactor × current, scaleUpLimitMinimum)` (defaults 2 and 4). */
  scaleUpLimitFactor?: number;
  scaleUpLimitMinimum?: number;
}

/** The `ScalingLimited` condition's reason. */
export type LimitReason =
  | 'DesiredWithinRange'
  | 'ScaleUpLimit'
  | 'TooManyReplicas'
  | 'ScaleDownLimit'
  | 'TooFewReplicas';

/** The `AbleToScale` condition's reason after stabilization. */
export type StabilizationReason = 'ReadyForNewScale' | 'ScaleUpStabilized' | 'ScaleDownStabilized';

export interface NormalizeResult {
  replicas: number;
  condition: LimitReason;
}

export interface NormalizeDetail extends NormalizeResult {
  /** The recommendation after stabilization, before rate limits and min/max. */
  stabilizedReplicas: number;
  stabilization: StabilizationReason;
  /** `ScalingLimited` is True when the limits changed the stabilized recommendation. */
  limited: boolean;
}

export const DEFAULT_DOWNSCALE_STABILIZATION_WINDOW_SECONDS = 300;
export const DEFAULT_SCALE_UP_LIMIT_FACTOR = 2;
export const DEFAULT_SCALE_UP_LIMIT_MINIMUM = 4;

const MAX_INT32 = 2147483647;
const MIN_INT32 = -2147483648;

/** A record `secondsAgo` old is inside a window of `seconds` when it is strictly younger. */
const within = (secondsAgo: number, seconds: number) => secondsAgo < seconds;

/** `defaultHPAScaleUpRules` (pkg/apis/autoscaling/v2/defaults.go): 0 s window, Max of 4 pods / 100% per 15 s. */
export function generateScaleUpRules(rules?: ScalingRules | null): ResolvedScalingRules {
  return {
    selectPolicy: rules?.selectPolicy ?? 'Max',
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? 0,
    policies: rules?.policies ?? [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/**
 * `defaultHPAScaleDownRules`: Max of 100% per 15 s; an unset window takes the controller's downscale
 * stabilization window (`maybeInitScaleDownStabilizationWindow`).
 */
export function generateScaleDownRules(
  rules: ScalingRules | null | undefined,
  downscaleStabilizationWindowSeconds: number,
): ResolvedScalingRules {
  return {
    selectPolicy: rules?.selectPolicy ?? 'Max',
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? downscaleStabilizationWindowSeconds,
    policies: rules?.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

/** `stabilizeRecommendation`: the highest recommendation within the window, the current one included. */
export function stabilizeRecommendation(
  desiredReplicas: number,
  recommendations: readonly TimedRecommendation[],
  windowSeconds: number,
): number {
  let max = desiredReplicas;
  for (const rec of recommendations) {
    if (within(rec.secondsAgo, windowSeconds) && rec.replicas > max) max = rec.replicas;
  }
  return max;
}

/** `calculateScaleUpLimit`: `int32(max(factor × current, minimum))`. */
export function calculateScaleUpLimit(currentReplicas: number, factor: number, minimum: number): number {
  return Math.trunc(Math.max(factor * currentReplicas, minimum));
}

/** `convertDesiredReplicasWithRules`. */
export function convertDesiredReplicasWithRules(
  currentReplicas: number,
  desiredReplicas: number,
  minReplicas: number,
  maxReplicas: number,
  scaleUpLimitFactor = DEFAULT_SCALE_UP_LIMIT_FACTOR,
  scaleUpLimitMinimum = DEFAULT_SCALE_UP_LIMIT_MINIMUM,
): NormalizeResult {
  const scaleUpLimit = calculateScaleUpLimit(currentReplicas, scaleUpLimitFactor, scaleUpLimitMinimum);
  let maximumAllowed: number;
  let condition: LimitReason;
  if (maxReplicas > scaleUpLimit) {
    maximumAllowed = scaleUpLimit;
    condition = 'ScaleUpLimit';
  } else {
    maximumAllowed = maxReplicas;
    condition = 'TooManyReplicas';
  }
  if (desiredReplicas < minReplicas) return { replicas: minReplicas, condition: 'TooFewReplicas' };
  if (desiredReplicas > maximumAllowed) return { replicas: maximumAllowed, condition };
  return { replicas: desiredReplicas, condition: 'DesiredWithinRange' };
}

/**
 * `stabilizeRecommendationWithBehaviors`: the lowest recommendation within the scale-up window and the highest
 * within the scale-down window (the current recommendation included in both) bound the current replica count.
 */
export function stabilizeRecommendationWithBehaviors(
  currentReplicas: number,
  desiredReplicas: number,
  recommendations: readonly TimedRecommendation[],
  scaleUpWindowSeconds: number,
  scaleDownWindowSeconds: number,
): { replicas: number; reason: 'ScaleUpStabilized' | 'ScaleDownStabilized' } {
  let upRecommendation = desiredReplicas;
  let downRecommendation = desiredReplicas;
  for (const rec of recommendations) {
    if (within(rec.secondsAgo, scaleUpWindowSeconds)) upRecommendation = Math.min(rec.replicas, upRecommendation);
    if (within(rec.secondsAgo, scaleDownWindowSeconds)) {
      downRecommendation = Math.max(rec.replicas, downRecommendation);
    }
  }
  let replicas = currentReplicas;
  if (replicas < upRecommendation) replicas = upRecommendation;
  if (replicas > downRecommendation) replicas = downRecommendation;
  return { replicas, reason: desiredReplicas >= currentReplicas ? 'ScaleUpStabilized' : 'ScaleDownStabilized' };
}

/** `getReplicasChangePerPeriod`: the sum of the changes younger than the period. */
export function getReplicasChangePerPeriod(periodSeconds: number, events: readonly ScaleEvent[]): number {
  let replicas = 0;
  for (const e of events) if (within(e.secondsAgo, periodSeconds)) replicas += e.replicaChange;
  return replicas;
}

/** The replica count when a policy's period began: the scale-ups and scale-downs within it undone. */
function replicasAtPeriodStart(
  currentReplicas: number,
  periodSeconds: number,
  scaleUpEvents: readonly ScaleEvent[],
  scaleDownEvents: readonly ScaleEvent[],
): number {
  const added = getReplicasChangePerPeriod(periodSeconds, scaleUpEvents);
  const deleted = getReplicasChangePerPeriod(periodSeconds, scaleDownEvents);
  return currentReplicas - added + deleted;
}

/** `calculateScaleUpLimitWithScalingRules`: the most replicas the scale-up policies allow now. */
export function calculateScaleUpLimitWithScalingRules(
  currentReplicas: number,
  scaleUpEvents: readonly ScaleEvent[],
  scaleDownEvents: readonly ScaleEvent[],
  rules: ResolvedScalingRules,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const min = rules.selectPolicy === 'Min';
  let result = min ? MAX_INT32 : MIN_INT32;
  for (const policy of rules.policies) {
    const periodStartReplicas = replicasAtPeriodStart(
      currentReplicas,
      policy.periodSeconds,
      scaleUpEvents,
      scaleDownEvents,
    );
    let proposed = 0;
    if (policy.type === 'Pods') {
      proposed = periodStartReplicas + policy.value;
    } else if (policy.type === 'Percent') {
      // Rounded up so that a small percentage still lets the target grow.
      proposed = Math.ceil(periodStartReplicas * (1 + policy.value / 100));
    }
    result = min ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** `calculateScaleDownLimitWithBehaviors`: the fewest replicas the scale-down policies allow now. */
export function calculateScaleDownLimitWithBehaviors(
  currentReplicas: number,
  scaleUpEvents: readonly ScaleEvent[],
  scaleDownEvents: readonly ScaleEvent[],
  rules: ResolvedScalingRules,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const minChange = rules.selectPolicy === 'Min';
  let result = minChange ? MIN_INT32 : MAX_INT32;
  for (const policy of rules.policies) {
    const periodStartReplicas = replicasAtPeriodStart(
      currentReplicas,
      policy.periodSeconds,
      scaleUpEvents,
      scaleDownEvents,
    );
    let proposed = 0;
    if (policy.type === 'Pods') {
      proposed = periodStartReplicas - policy.value;
    } else if (policy.type === 'Percent') {
      // `int32(float64(periodStartReplicas) * (1 - value/100))`: Go's conversion truncates toward zero.
      proposed = Math.trunc(periodStartReplicas * (1 - policy.value / 100));
    }
    result = minChange ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** `convertDesiredReplicasWithBehaviorRate`. */
export function convertDesiredReplicasWithBehaviorRate(args: {
  currentReplicas: number;
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  scaleUp: ResolvedScalingRules;
  scaleDown: ResolvedScalingRules;
  scaleUpEvents: readonly ScaleEvent[];
  scaleDownEvents: readonly ScaleEvent[];
}): NormalizeResult {
  const { currentReplicas, desiredReplicas } = args;
  if (desiredReplicas > currentReplicas) {
    let scaleUpLimit = calculateScaleUpLimitWithScalingRules(
      currentReplicas,
      args.scaleUpEvents,
      args.scaleDownEvents,
      args.scaleUp,
    );
    // No further scale-up until the recent scale-up events leave their periods.
    if (scaleUpLimit < currentReplicas) scaleUpLimit = currentReplicas;
    let maximumAllowed = args.maxReplicas;
    let condition: LimitReason;
    if (maximumAllowed > scaleUpLimit) {
      maximumAllowed = scaleUpLimit;
      condition = 'ScaleUpLimit';
    } else {
      condition = 'TooManyReplicas';
    }
    if (desiredReplicas > maximumAllowed) return { replicas: maximumAllowed, condition };
  } else if (desiredReplicas < currentReplicas) {
    let scaleDownLimit = calculateScaleDownLimitWithBehaviors(
      currentReplicas,
      args.scaleUpEvents,
      args.scaleDownEvents,
      args.scaleDown,
    );
    // No further scale-down until the recent scale-down events leave their periods.
    if (scaleDownLimit > currentReplicas) scaleDownLimit = currentReplicas;
    let minimumAllowed = args.minReplicas;
    let condition: LimitReason;
    if (minimumAllowed < scaleDownLimit) {
      minimumAllowed = scaleDownLimit;
      condition = 'ScaleDownLimit';
    } else {
      condition = 'TooFewReplicas';
    }
    if (desiredReplicas < minimumAllowed) return { replicas: minimumAllowed, condition };
  }
  return { replicas: desiredReplicas, condition: 'DesiredWithinRange' };
}

/** `normalizeDesiredReplicas` / `normalizeDesiredReplicasWithBehaviors`, with the stabilization step reported. */
export function normalizeDetailed(input: NormalizeInput): NormalizeDetail {
  const minReplicas = input.minReplicas ?? 1;
  const recommendations = input.recommendations ?? [];
  const downscaleWindow = input.downscaleStabilizationWindowSeconds ?? DEFAULT_DOWNSCALE_STABILIZATION_WINDOW_SECONDS;
  const { currentReplicas, desiredReplicas, maxReplicas } = input;

  if (input.behavior === null || input.behavior === undefined) {
    const stabilized = stabilizeRecommendation(desiredReplicas, recommendations, downscaleWindow);
    const result = convertDesiredReplicasWithRules(
      currentReplicas,
      stabilized,
      minReplicas,
      maxReplicas,
      input.scaleUpLimitFactor ?? DEFAULT_SCALE_UP_LIMIT_FACTOR,
      input.scaleUpLimitMinimum ?? DEFAULT_SCALE_UP_LIMIT_MINIMUM,
    );
    return {
      ...result,
      stabilizedReplicas: stabilized,
      stabilization: stabilized !== desiredReplicas ? 'ScaleDownStabilized' : 'ReadyForNewScale',
      limited: result.replicas !== stabilized,
    };
  }

  const scaleUp = generateScaleUpRules(input.behavior.scaleUp);
  const scaleDown = generateScaleDownRules(input.behavior.scaleDown, downscaleWindow);
  const stabilized = stabilizeRecommendationWithBehaviors(
    currentReplicas,
    desiredReplicas,
    recommendations,
    scaleUp.stabilizationWindowSeconds,
    scaleDown.stabilizationWindowSeconds,
  );
  const result = convertDesiredReplicasWithBehaviorRate({
    currentReplicas,
    desiredReplicas: stabilized.replicas,
    minReplicas,
    maxReplicas,
    scaleUp,
    scaleDown,
    scaleUpEvents: input.scaleUpEvents ?? [],
    scaleDownEvents: input.scaleDownEvents ?? [],
  });
  return {
    ...result,
    stabilizedReplicas: stabilized.replicas,
    stabilization: stabilized.replicas !== desiredReplicas ? stabilized.reason : 'ReadyForNewScale',
    limited: result.replicas !== stabilized.replicas,
  };
}

/** The replica count the controller would set, and the `ScalingLimited` reason it would report. */
export function normalize(input: NormalizeInput): NormalizeResult {
  const { replicas, condition } = normalizeDetailed(input);
  return { replicas, condition };
}
