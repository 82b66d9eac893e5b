import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HpaBehavior, ScalingRules } from '@carebridge/manifests';
import { DEFAULT_BEHAVIOR, millis, pods } from '../testing/autoscaling.js';
import {
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimitWithScalingRules,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  generateScaleDownRules,
  generateScaleUpRules,
  getReplicasChangePerPeriod,
  type LimitReason,
  type NormalizeInput,
  normalize,
  normalizeDetailed,
  type ScaleEvent,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  type TimedRecommendation,
} from './normalize.js';
import { DEFAULT_CONTROLLER_SETTINGS, reconcile as reconcileHpa } from './reconcile.js';
import type { PodSample } from './replica-calculator.js';

/** horizontal_test.go `generateScalingRules(pods, podsPeriod, percent, percentPeriod, stabilizationWindow)`. */
function rules(pods: number, podsPeriod: number, percent: number, percentPeriod: number, window: number): ScalingRules {
  const policies: ScalingRules['policies'] = [];
  if (pods !== 0) policies.push({ type: 'Pods', value: pods, periodSeconds: podsPeriod });
  if (percent !== 0) policies.push({ type: 'Percent', value: percent, periodSeconds: percentPeriod });
  return { selectPolicy: 'Max', stabilizationWindowSeconds: window, policies };
}

/**
 * horizontal_test.go `generateEventsUniformDistribution(rawEvents, periodSeconds)`: events spread over the last
 * `period` seconds, each in the middle of its segment (for [1, 5, 9] over 120 s: 100, 60 and 20 s ago). In the Go
 * test a little time passes before the controller looks, so an event exactly one period old is outside it, as here.
 */
function events(raw: number[], period: number): ScaleEvent[] {
  const segment = period / raw.length;
  return raw.map((replicaChange, idx) => ({
    replicaChange,
    secondsAgo: Math.trunc(period - segment * (idx + 1) + segment / 2),
  }));
}

const recs = (...pairs: [number, number][]): TimedRecommendation[] =>
  pairs.map(([replicas, secondsAgo]) => ({ replicas, secondsAgo }));

describe('hpa normalize: lab-cli.md examples', () => {
  it('no behavior, current 2, desired 9, min 1, max 10, no history: the max(2 × 2, 4) cap', () => {
    assert.deepEqual(
      normalize({ currentReplicas: 2, desiredReplicas: 9, minReplicas: 1, maxReplicas: 10, behavior: null }),
      {
        replicas: 4,
        condition: 'ScaleUpLimit',
      },
    );
  });
  it('no behavior, current 6, desired 3, recommendations 5 (100 s ago) and 6 (400 s ago)', () => {
    assert.deepEqual(
      normalize({
        currentReplicas: 6,
        desiredReplicas: 3,
        minReplicas: 1,
        maxReplicas: 10,
        behavior: null,
        recommendations: recs([5, 100], [6, 400]),
      }),
      { replicas: 5, condition: 'DesiredWithinRange' },
    );
  });
  it('default behavior without history, current 10, desired 50, max 100', () => {
    assert.deepEqual(
      normalize({
        currentReplicas: 10,
        desiredReplicas: 50,
        minReplicas: 1,
        maxReplicas: 100,
        behavior: DEFAULT_BEHAVIOR,
      }),
      { replicas: 20, condition: 'ScaleUpLimit' },
    );
  });
  it('behavior scaleDown Percent 50 / 60 s (Max, window 0), current 20, desired 5, min 1', () => {
    assert.deepEqual(
      normalize({
        currentReplicas: 20,
        desiredReplicas: 5,
        minReplicas: 1,
        maxReplicas: 100,
        behavior: { ...DEFAULT_BEHAVIOR, scaleDown: rules(0, 0, 50, 60, 0) },
      }),
      { replicas: 10, condition: 'ScaleDownLimit' },
    );
  });
  it('the format example: a scale-up of 2 within the last 15 s leaves max(8 + 4, 8 × 2) = 16', () => {
    assert.deepEqual(
      normalize({
        currentReplicas: 10,
        desiredReplicas: 50,
        minReplicas: 1,
        maxReplicas: 100,
        behavior: DEFAULT_BEHAVIOR,
        recommendations: recs([12, 40]),
        scaleUpEvents: [{ replicaChange: 2, secondsAgo: 10 }],
        scaleDownEvents: [],
        downscaleStabilizationWindowSeconds: 300,
        scaleUpLimitFactor: 2,
        scaleUpLimitMinimum: 4,
      }),
      { replicas: 16, condition: 'ScaleUpLimit' },
    );
  });
});

// horizontal_test.go TestNormalizeDesiredReplicas: stabilizeRecommendation with a 5-minute window.
describe('hpa normalize: TestNormalizeDesiredReplicas', () => {
  const cases: [string, TimedRecommendation[], number, number][] = [
    ['empty log', [], 5, 5],
    ['stabilize', recs([4, 120], [5, 60]), 3, 5],
    ['no stabilize', recs([1, 120], [2, 60]), 3, 3],
    ['no stabilize - old recommendations', recs([10, 600], [9, 540]), 3, 3],
    ['stabilize - old recommendations', recs([10, 600], [4, 60], [5, 120], [9, 540]), 3, 5],
  ];
  for (const [name, history, desired, expected] of cases) {
    it(name, () => {
      assert.equal(stabilizeRecommendation(desired, history, 300), expected);
      const detail = normalizeDetailed({
        currentReplicas: 10,
        desiredReplicas: desired,
        minReplicas: 1,
        maxReplicas: 100,
        recommendations: history,
      });
      assert.equal(detail.replicas, expected);
      assert.equal(detail.stabilization, expected === desired ? 'ReadyForNewScale' : 'ScaleDownStabilized');
    });
  }
  it('a recommendation exactly as old as the window is outside it', () => {
    assert.equal(stabilizeRecommendation(3, recs([9, 300]), 300), 3);
    assert.equal(stabilizeRecommendation(3, recs([9, 299.999]), 300), 9);
  });
  it('the window is configurable (--horizontal-pod-autoscaler-downscale-stabilization)', () => {
    const base = { currentReplicas: 10, desiredReplicas: 3, maxReplicas: 20, recommendations: recs([8, 90]) };
    assert.equal(normalize({ ...base, downscaleStabilizationWindowSeconds: 60 }).replicas, 3);
    assert.equal(normalize({ ...base, downscaleStabilizationWindowSeconds: 120 }).replicas, 8);
  });
});

// horizontal_test.go TestConvertDesiredReplicasWithRules. The Go tests set scaleUpLimitFactor = 8 (init()).
describe('hpa normalize: TestConvertDesiredReplicasWithRules', () => {
  const cases: [string, number, number, number, number, number, LimitReason][] = [
    ['prenormalized desired replicas within range', 5, 7, 3, 8, 7, 'DesiredWithinRange'],
    ['prenormalized desired replicas < minReplicas', 3, 1, 2, 8, 2, 'TooFewReplicas'],
    ['prenormalized desired zeroed replicas within range', 1, 0, 0, 10, 0, 'DesiredWithinRange'],
    ['maxReplicas is the limit because maxReplicas < scaleUpLimit', 20, 1000, 1, 10, 10, 'TooManyReplicas'],
    ['scaleUpLimit is the limit because scaleUpLimit < maxReplicas', 3, 1000, 1, 2000, 24, 'ScaleUpLimit'],
  ];
  for (const [name, current, desired, min, max, replicas, condition] of cases) {
    it(name, () => {
      assert.deepEqual(convertDesiredReplicasWithRules(current, desired, min, max, 8, 4), { replicas, condition });
      assert.deepEqual(
        normalize({
          currentReplicas: current,
          desiredReplicas: desired,
          minReplicas: min,
          maxReplicas: max,
          scaleUpLimitFactor: 8,
        }),
        { replicas, condition },
      );
    });
  }
  it('with the production factor 2 and minimum 4', () => {
    assert.deepEqual(convertDesiredReplicasWithRules(3, 1000, 1, 2000), { replicas: 6, condition: 'ScaleUpLimit' });
    assert.deepEqual(convertDesiredReplicasWithRules(1, 1000, 1, 2000), { replicas: 4, condition: 'ScaleUpLimit' });
    assert.deepEqual(convertDesiredReplicasWithRules(0, 3, 0, 10), { replicas: 3, condition: 'DesiredWithinRange' });
    // The cap equals maxReplicas: TooManyReplicas, not ScaleUpLimit.
    assert.deepEqual(convertDesiredReplicasWithRules(5, 30, 1, 10), { replicas: 10, condition: 'TooManyReplicas' });
    // min wins over the cap when desired is below min.
    assert.deepEqual(convertDesiredReplicasWithRules(2, 1, 3, 10), { replicas: 3, condition: 'TooFewReplicas' });
    // A fractional factor: int32(max(1.5 × 3, 4)) = 4.
    assert.deepEqual(convertDesiredReplicasWithRules(3, 9, 1, 10, 1.5, 4), { replicas: 4, condition: 'ScaleUpLimit' });
  });
});

// horizontal_test.go TestScalingWithRules: convertDesiredReplicasWithBehaviorRate, behavior defaulted with
// GenerateHPAScaleUpRules / GenerateHPAScaleDownRules when a direction is nil.
describe('hpa normalize: TestScalingWithRules', () => {
  interface Case {
    name: string;
    up?: ScalingRules;
    down?: ScalingRules;
    upEvents?: ScaleEvent[];
    downEvents?: ScaleEvent[];
    min: number;
    max: number;
    current: number;
    desired: number;
    replicas: number;
    condition: LimitReason;
  }
  const cases: Case[] = [
    {
      name: 'prenormalized desired replicas within range',
      current: 5,
      desired: 7,
      min: 3,
      max: 8,
      replicas: 7,
      condition: 'DesiredWithinRange',
    },
    {
      name: 'prenormalized desired replicas < minReplicas',
      current: 3,
      desired: 1,
      min: 2,
      max: 8,
      replicas: 2,
      condition: 'TooFewReplicas',
    },
    {
      name: 'prenormalized desired replicas within range when minReplicas is 0',
      current: 1,
      desired: 0,
      min: 0,
      max: 10,
      replicas: 0,
      condition: 'DesiredWithinRange',
    },
    {
      name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit',
      current: 20,
      desired: 1000,
      min: 1,
      max: 10,
      replicas: 10,
      condition: 'TooManyReplicas',
    },
    {
      name: 'desired replica count is more than the maximum replica count',
      current: 100,
      desired: 1000,
      min: 100,
      max: 150,
      replicas: 150,
      condition: 'TooManyReplicas',
    },
    {
      name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies',
      up: rules(0, 0, 1, 60, 0),
      current: 3,
      desired: 1000,
      min: 1,
      max: 2000,
      replicas: 4,
      condition: 'ScaleUpLimit',
    },
    // Skipped in Go (testThis), kept here: the Pods policy allows 20 fewer.
    {
      name: 'scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies',
      down: rules(20, 60, 0, 0, 0),
      current: 1000,
      desired: 3,
      min: 3,
      max: 2000,
      replicas: 980,
      condition: 'ScaleDownLimit',
    },
    {
      name: 'scaleUp with default behavior',
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      replicas: 20,
      condition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with pods policy larger than percent policy',
      up: rules(100, 60, 100, 60, 0),
      current: 10,
      desired: 500,
      min: 1,
      max: 1000,
      replicas: 110,
      condition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with percent policy larger than pods policy',
      up: rules(2, 60, 100, 60, 0),
      current: 10,
      desired: 500,
      min: 1,
      max: 1000,
      replicas: 20,
      condition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large pod policy',
      up: rules(100, 60, 0, 0, 0),
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      replicas: 50,
      condition: 'DesiredWithinRange',
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large percent policy',
      up: rules(10000, 60, 0, 0, 0),
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      replicas: 50,
      condition: 'DesiredWithinRange',
    },
    {
      name: 'scaleUp with pod policy limitation',
      up: rules(30, 60, 0, 0, 0),
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      replicas: 40,
      condition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with percent policy limitation',
      up: rules(0, 0, 200, 60, 0),
      current: 10,
      desired: 50,
      min: 1,
      max: 1000,
      replicas: 30,
      condition: 'ScaleUpLimit',
    },
    {
      name: 'scaleDown with percent policy larger than pod policy',
      down: rules(20, 60, 1, 60, 300),
      current: 100,
      desired: 2,
      min: 1,
      max: 1000,
      replicas: 80,
      condition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with pod policy larger than percent policy',
      down: rules(2, 60, 1, 60, 300),
      current: 100,
      desired: 2,
      min: 1,
      max: 1000,
      replicas: 98,
      condition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy',
      down: rules(100, 60, 0, 0, 300),
      current: 10,
      desired: 0,
      min: 1,
      max: 1000,
      replicas: 1,
      condition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large pod policy',
      down: rules(100, 60, 0, 0, 300),
      current: 10,
      desired: 0,
      min: 1,
      max: 1000,
      replicas: 1,
      condition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large percent policy',
      down: rules(0, 0, 100, 60, 300),
      current: 10,
      desired: 2,
      min: 5,
      max: 1000,
      replicas: 5,
      condition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with pod policy limitation',
      down: rules(5, 60, 0, 0, 300),
      current: 10,
      desired: 2,
      min: 1,
      max: 1000,
      replicas: 5,
      condition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with percent policy limitation',
      down: rules(0, 0, 50, 60, 300),
      current: 10,
      desired: 5,
      min: 1,
      max: 1000,
      replicas: 5,
      condition: 'DesiredWithinRange',
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large pod policy and events',
      upEvents: events([1, 5, 9], 120),
      up: rules(300, 60, 0, 0, 0),
      current: 100,
      desired: 500,
      min: 1,
      max: 200,
      replicas: 200,
      condition: 'TooManyReplicas',
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large percent policy and events',
      upEvents: events([1, 5, 9], 120),
      up: rules(0, 0, 10000, 60, 0),
      current: 100,
      desired: 500,
      min: 1,
      max: 200,
      replicas: 200,
      condition: 'TooManyReplicas',
    },
    {
      name: 'scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events',
      upEvents: events([1, 5, 9], 120),
      up: rules(5, 120, 0, 0, 0),
      current: 100,
      desired: 500,
      min: 1,
      max: 1000,
      replicas: 100,
      condition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with pod policy and previous scale up events',
      upEvents: events([1, 5, 9], 120),
      up: rules(150, 120, 0, 0, 0),
      current: 100,
      desired: 500,
      min: 1,
      max: 1000,
      replicas: 235,
      condition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with percent policy and previous scale up events',
      upEvents: events([1, 5, 9], 120),
      up: rules(0, 0, 200, 120, 0),
      current: 100,
      desired: 500,
      min: 1,
      max: 1000,
      replicas: 255,
      condition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with percent policy and previous scale up and down events',
      upEvents: events([4], 120),
      downEvents: events([2], 120),
      up: rules(0, 0, 300, 300, 0),
      current: 6,
      desired: 24,
      min: 1,
      max: 1000,
      replicas: 16,
      condition: 'ScaleUpLimit',
    },
    {
      name: 'scaleDown with default policy and previous events',
      downEvents: events([1, 5, 9], 120),
      current: 10,
      desired: 5,
      min: 1,
      max: 1000,
      replicas: 5,
      condition: 'DesiredWithinRange',
    },
    {
      name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events',
      downEvents: events([1, 5, 9], 120),
      down: rules(115, 120, 0, 0, 300),
      current: 100,
      desired: 0,
      min: 1,
      max: 1000,
      replicas: 1,
      condition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large pod policy and previous events',
      downEvents: events([1, 5, 9], 120),
      down: rules(130, 120, 0, 0, 300),
      current: 100,
      desired: 0,
      min: 5,
      max: 1000,
      replicas: 5,
      condition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large percent policy and previous events',
      downEvents: events([1, 5, 9], 120),
      down: rules(0, 0, 100, 120, 300),
      current: 100,
      desired: 2,
      min: 5,
      max: 1000,
      replicas: 5,
      condition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with pod policy limitation and previous events',
      downEvents: events([1, 5, 9], 120),
      down: rules(5, 120, 0, 0, 300),
      current: 100,
      desired: 2,
      min: 1,
      max: 1000,
      replicas: 100,
      condition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with percent policy limitation and previous events',
      downEvents: events([2, 4, 6], 120),
      down: rules(0, 0, 50, 120, 300),
      current: 100,
      desired: 0,
      min: 1,
      max: 1000,
      replicas: 56,
      condition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with percent policy and previous scale up and down events',
      upEvents: events([2], 120),
      downEvents: events([4], 120),
      down: rules(0, 0, 50, 180, 0),
      current: 10,
      desired: 1,
      min: 1,
      max: 1000,
      replicas: 6,
      condition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with previous events preventing further scale down',
      downEvents: events([10, 10, 10], 120),
      down: rules(0, 0, 10, 120, 300),
      current: 100,
      desired: 0,
      min: 1,
      max: 1000,
      replicas: 100,
      condition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with with previous events still allowing more scale down',
      downEvents: events([10, 10, 10], 120),
      down: rules(0, 0, 1000, 120, 300),
      current: 10,
      desired: 5,
      min: 1,
      max: 1000,
      replicas: 5,
      condition: 'DesiredWithinRange',
    },
    {
      name: "check 'outdated' flag for events for one behavior for up",
      upEvents: events([8, 12, 9, 11], 120),
      up: rules(1000, 60, 0, 0, 0),
      current: 100,
      desired: 200,
      min: 1,
      max: 1000,
      replicas: 200,
      condition: 'DesiredWithinRange',
    },
    {
      name: "check that events were not marked 'outdated' for two different policies in the behavior for up",
      upEvents: events([8, 12, 9, 11], 120),
      up: rules(1000, 120, 100, 60, 0),
      current: 100,
      desired: 200,
      min: 1,
      max: 1000,
      replicas: 200,
      condition: 'DesiredWithinRange',
    },
    {
      name: "check that events were marked 'outdated' for two different policies in the behavior for up",
      upEvents: events([8, 12, 9, 11], 120),
      up: rules(1000, 30, 100, 60, 0),
      current: 100,
      desired: 200,
      min: 1,
      max: 1000,
      replicas: 200,
      condition: 'DesiredWithinRange',
    },
    {
      name: "check 'outdated' flag for events for one behavior for down",
      downEvents: events([8, 12, 9, 11], 120),
      down: rules(1000, 60, 0, 0, 300),
      current: 100,
      desired: 5,
      min: 1,
      max: 1000,
      replicas: 5,
      condition: 'DesiredWithinRange',
    },
    {
      name: "check that events were not marked 'outdated' for two different policies in the behavior for down",
      downEvents: events([8, 12, 9, 11], 120),
      down: rules(1000, 120, 100, 60, 300),
      current: 100,
      desired: 5,
      min: 1,
      max: 1000,
      replicas: 5,
      condition: 'DesiredWithinRange',
    },
    {
      name: "check that events were marked 'outdated' for two different policies in the behavior for down",
      downEvents: events([8, 12, 9, 11], 120),
      down: rules(1000, 30, 100, 60, 300),
      current: 100,
      desired: 5,
      min: 1,
      max: 1000,
      replicas: 5,
      condition: 'DesiredWithinRange',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const expected = { replicas: c.replicas, condition: c.condition };
      assert.deepEqual(
        convertDesiredReplicasWithBehaviorRate({
          currentReplicas: c.current,
          desiredReplicas: c.desired,
          minReplicas: c.min,
          maxReplicas: c.max,
          scaleUp: generateScaleUpRules(c.up),
          scaleDown: generateScaleDownRules(c.down, 300),
          scaleUpEvents: c.upEvents ?? [],
          scaleDownEvents: c.downEvents ?? [],
        }),
        expected,
      );
      // The same through the whole normalisation: without recommendations stabilization keeps the desired count.
      const input: NormalizeInput = {
        currentReplicas: c.current,
        desiredReplicas: c.desired,
        minReplicas: c.min,
        maxReplicas: c.max,
        behavior: { scaleUp: c.up ?? null, scaleDown: c.down ?? null },
        scaleUpEvents: c.upEvents ?? [],
        scaleDownEvents: c.downEvents ?? [],
      };
      assert.deepEqual(normalize(input), expected);
    });
  }
  it('generateEventsUniformDistribution timing', () => {
    assert.deepEqual(
      events([1, 5, 9], 120).map((e) => e.secondsAgo),
      [100, 60, 20],
    );
    assert.deepEqual(
      events([8, 12, 9, 11], 120).map((e) => e.secondsAgo),
      [105, 75, 45, 15],
    );
  });
});

// horizontal_test.go TestCalculateScaleUpLimitWithScalingRules / TestCalculateScaleDownLimitWithBehaviors.
describe('hpa normalize: selectPolicy Min', () => {
  const minRules = {
    selectPolicy: 'Min' as const,
    stabilizationWindowSeconds: 300,
    policies: [
      { type: 'Pods' as const, value: 2, periodSeconds: 60 },
      { type: 'Percent' as const, value: 50, periodSeconds: 60 },
    ],
  };
  it('TestCalculateScaleUpLimitWithScalingRules: min(1 + 2, ceil(1 × 1.5)) = 2', () => {
    assert.equal(calculateScaleUpLimitWithScalingRules(1, [], [], minRules), 2);
  });
  it('TestCalculateScaleDownLimitWithBehaviors: max(5 − 2, int32(5 × 0.5)) = 3', () => {
    assert.equal(calculateScaleDownLimitWithBehaviors(5, [], [], minRules), 3);
  });
  it('Min picks the smaller change in both directions through normalize', () => {
    const behavior: HpaBehavior = {
      scaleUp: { ...minRules, stabilizationWindowSeconds: 0 },
      scaleDown: { ...minRules, stabilizationWindowSeconds: 0 },
    };
    // up from 10: Pods → 12, Percent → 15; Min → 12.
    assert.deepEqual(normalize({ currentReplicas: 10, desiredReplicas: 40, maxReplicas: 100, behavior }), {
      replicas: 12,
      condition: 'ScaleUpLimit',
    });
    // down from 10: Pods → 8, Percent → 5; Min change → 8.
    assert.deepEqual(normalize({ currentReplicas: 10, desiredReplicas: 1, maxReplicas: 100, behavior }), {
      replicas: 8,
      condition: 'ScaleDownLimit',
    });
  });
  it('Max picks the larger change in both directions', () => {
    const max = { ...minRules, selectPolicy: 'Max' as const, stabilizationWindowSeconds: 0 };
    const behavior: HpaBehavior = { scaleUp: max, scaleDown: max };
    assert.deepEqual(normalize({ currentReplicas: 10, desiredReplicas: 40, maxReplicas: 100, behavior }), {
      replicas: 15,
      condition: 'ScaleUpLimit',
    });
    assert.deepEqual(normalize({ currentReplicas: 10, desiredReplicas: 1, maxReplicas: 100, behavior }), {
      replicas: 5,
      condition: 'ScaleDownLimit',
    });
  });
  it('Disabled freezes that direction: the limit is the current count', () => {
    const behavior: HpaBehavior = {
      scaleUp: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 },
      scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 },
    };
    assert.deepEqual(normalize({ currentReplicas: 4, desiredReplicas: 9, maxReplicas: 10, behavior }), {
      replicas: 4,
      condition: 'ScaleUpLimit',
    });
    assert.deepEqual(normalize({ currentReplicas: 4, desiredReplicas: 1, maxReplicas: 10, behavior }), {
      replicas: 4,
      condition: 'ScaleDownLimit',
    });
    // Disabled with current already at max: TooManyReplicas (maxReplicas is not above the limit).
    assert.deepEqual(normalize({ currentReplicas: 10, desiredReplicas: 12, maxReplicas: 10, behavior }), {
      replicas: 10,
      condition: 'TooManyReplicas',
    });
    // Disabled with current at min: TooFewReplicas.
    assert.deepEqual(normalize({ currentReplicas: 1, desiredReplicas: 0, minReplicas: 1, maxReplicas: 10, behavior }), {
      replicas: 1,
      condition: 'TooFewReplicas',
    });
  });
  it('a Percent scale-down truncates the remaining replicas as Go converts to int32', () => {
    // 7 × (1 − 0.5) = 3.5 → 3; 3 × (1 − 0.5) = 1.5 → 1; 1 × 0.5 → 0.
    const down = (current: number) =>
      calculateScaleDownLimitWithBehaviors(current, [], [], generateScaleDownRules(rules(0, 0, 50, 60, 0), 300));
    assert.deepEqual([down(7), down(3), down(1)], [3, 1, 0]);
    // Percent scale-up rounds up: 3 × 1.1 = 3.3 → 4.
    const up = calculateScaleUpLimitWithScalingRules(3, [], [], generateScaleUpRules(rules(0, 0, 10, 60, 0)));
    assert.equal(up, 4);
  });
});

// horizontal_test.go TestNormalizeDesiredReplicasWithBehavior: stabilizeRecommendationWithBehaviors (the Go
// struct's zero value gives a 0 s window for the direction a case does not set).
describe('hpa normalize: TestNormalizeDesiredReplicasWithBehavior', () => {
  const cases: [string, TimedRecommendation[], number, number, number, number, number][] = [
    // name, recommendations, current, desired, expected, up window, down window
    ['empty recommendations for scaling down', [], 100, 5, 5, 0, 0],
    ['simple scale down stabilization', recs([4, 120], [5, 60]), 100, 3, 5, 0, 180],
    ['simple scale up stabilization', recs([4, 120], [5, 60]), 1, 7, 4, 300, 0],
    ['no scale down stabilization', recs([1, 120], [2, 60]), 100, 3, 3, 300, 0],
    ['no scale up stabilization', recs([4, 120], [5, 60]), 1, 3, 3, 0, 300],
    ['no scale down stabilization, reuse recommendation element', recs([10, 600], [9, 540]), 100, 3, 3, 0, 0],
    ['no scale up stabilization, reuse recommendation element', recs([10, 600], [9, 540]), 1, 100, 100, 0, 0],
    [
      'scale down stabilization, reuse one of obsolete recommendation element',
      recs([10, 600], [4, 60], [5, 120], [9, 540]),
      100,
      3,
      5,
      0,
      180,
    ],
    [
      'scale up stabilization, reuse one of obsolete recommendation element',
      recs([10, 6000], [6, 60], [5, 120], [9, 180]),
      1,
      100,
      5,
      300,
      0,
    ],
    [
      'scale up and down stabilization, do not scale up when prenormalized rec goes down',
      recs([2, 6000], [3, 180]),
      2,
      1,
      2,
      300,
      300,
    ],
    [
      'scale up and down stabilization, do not scale down when prenormalized rec goes up',
      recs([2, 6000], [1, 180]),
      2,
      3,
      2,
      300,
      300,
    ],
  ];
  for (const [name, history, current, desired, expected, up, down] of cases) {
    it(name, () => {
      assert.equal(stabilizeRecommendationWithBehaviors(current, desired, history, up, down).replicas, expected);
      // Through normalize, with policies wide enough not to limit.
      const wide = (w: number): ScalingRules => ({
        selectPolicy: 'Max',
        stabilizationWindowSeconds: w,
        policies: [{ type: 'Pods', value: 1000, periodSeconds: 15 }],
      });
      const detail = normalizeDetailed({
        currentReplicas: current,
        desiredReplicas: desired,
        minReplicas: 1,
        maxReplicas: 1000,
        behavior: { scaleUp: wide(up), scaleDown: wide(down) },
        recommendations: history,
      });
      assert.equal(detail.replicas, expected);
      assert.equal(detail.stabilizedReplicas, expected);
    });
  }
  it('reports which direction stabilized', () => {
    assert.equal(stabilizeRecommendationWithBehaviors(1, 7, recs([4, 120]), 300, 0).reason, 'ScaleUpStabilized');
    assert.equal(stabilizeRecommendationWithBehaviors(100, 3, recs([5, 60]), 0, 180).reason, 'ScaleDownStabilized');
    const detail = normalizeDetailed({
      currentReplicas: 1,
      desiredReplicas: 7,
      maxReplicas: 10,
      behavior: { scaleUp: { stabilizationWindowSeconds: 300 } },
      recommendations: recs([4, 120]),
    });
    assert.deepEqual(
      [detail.stabilization, detail.replicas, detail.condition],
      ['ScaleUpStabilized', 4, 'DesiredWithinRange'],
    );
  });
});

// horizontal_test.go TestStoreScaleEvents: the getReplicasChangePerPeriod(60, …) half.
describe('hpa normalize: TestStoreScaleEvents (getReplicasChangePerPeriod)', () => {
  const cases: [string, ScaleEvent[], number][] = [
    ['empty entries', [], 0],
    ['one outdated entry', [{ replicaChange: 7, secondsAgo: 61 }], 0],
    ['one actual entry', [{ replicaChange: 7, secondsAgo: 58 }], 7],
    [
      'two entries, one of them outdated',
      [
        { replicaChange: 7, secondsAgo: 61 },
        { replicaChange: 6, secondsAgo: 59 },
      ],
      6,
    ],
    [
      'policies with different periods',
      [
        { replicaChange: 8, secondsAgo: 29 },
        { replicaChange: 6, secondsAgo: 59 },
        { replicaChange: 7, secondsAgo: 61 },
        { replicaChange: 9, secondsAgo: 61 },
      ],
      14,
    ],
    [
      'two entries, both actual',
      [
        { replicaChange: 7, secondsAgo: 58 },
        { replicaChange: 6, secondsAgo: 59 },
      ],
      13,
    ],
    ['an entry exactly one period old is outside it', [{ replicaChange: 5, secondsAgo: 60 }], 0],
  ];
  for (const [name, history, expected] of cases) {
    it(name, () => assert.equal(getReplicasChangePerPeriod(60, history), expected));
  }
});

describe('hpa normalize: behavior defaults (pkg/apis/autoscaling/v2/defaults.go)', () => {
  it('scaleUp: 0 s window, Max of 4 pods or 100% per 15 s', () => {
    assert.deepEqual(generateScaleUpRules(null), {
      selectPolicy: 'Max',
      stabilizationWindowSeconds: 0,
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    });
  });
  it('scaleDown: the controller window, Max of 100% per 15 s', () => {
    assert.deepEqual(generateScaleDownRules({ selectPolicy: 'Min' }, 300), {
      selectPolicy: 'Min',
      stabilizationWindowSeconds: 300,
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    });
  });
  it('an empty behavior object scales down only after the 300 s window', () => {
    const input = { currentReplicas: 8, desiredReplicas: 2, maxReplicas: 10, behavior: {} };
    assert.deepEqual(normalize({ ...input, recommendations: recs([8, 200]) }), {
      replicas: 8,
      condition: 'DesiredWithinRange',
    });
    assert.deepEqual(normalize({ ...input, recommendations: recs([8, 300]) }), {
      replicas: 2,
      condition: 'DesiredWithinRange',
    });
  });
  it('with behavior, recent lower recommendations hold a scale-up back only inside the up window', () => {
    const behavior: HpaBehavior = { scaleUp: { stabilizationWindowSeconds: 60 } };
    const input = { currentReplicas: 2, desiredReplicas: 6, maxReplicas: 10, behavior };
    assert.equal(normalize({ ...input, recommendations: recs([3, 30]) }).replicas, 3);
    assert.equal(normalize({ ...input, recommendations: recs([3, 60]) }).replicas, 6);
  });
  it('no behavior: a scale-up is never stabilized', () => {
    assert.deepEqual(
      normalize({ currentReplicas: 4, desiredReplicas: 6, maxReplicas: 10, recommendations: recs([2, 10]) }),
      { replicas: 6, condition: 'DesiredWithinRange' },
    );
  });
  it('events of the other direction move the period start', () => {
    // Up 100% per 60 s from 6, after 2 removed 30 s ago: start 8 → 16.
    const r = generateScaleUpRules(rules(0, 0, 100, 60, 0));
    assert.equal(calculateScaleUpLimitWithScalingRules(6, [], [{ replicaChange: 2, secondsAgo: 30 }], r), 16);
  });
});

// horizontal_test.go reconcile tests: the replica calculator then the normalisation, with the Go tests'
// scaleUpLimitFactor = 8 and 5-minute downscale stabilization. Pods: 1-CPU requests unless stated.
describe('hpa normalize: horizontal_test.go reconcile cases', () => {
  const reconcile = (a: {
    current: number;
    target: number;
    pods: PodSample[];
    min: number;
    max: number;
    behavior?: HpaBehavior;
    recommendations?: TimedRecommendation[];
  }) => {
    const now = 1_000_000;
    const { decision } = reconcileHpa({
      now,
      hpa: { minReplicas: a.min, maxReplicas: a.max, targetCpuUtilization: a.target, behavior: a.behavior ?? null },
      currentReplicas: a.current,
      pods: a.pods,
      settings: { ...DEFAULT_CONTROLLER_SETTINGS, cpuInitializationPeriodSeconds: 120, scaleUpLimitFactor: 8 },
      memory: {
        firstSeen: 0,
        recommendations: (a.recommendations ?? []).map((r) => ({ replicas: r.replicas, t: now - r.secondsAgo * 1000 })),
        scaleUps: [],
        scaleDowns: [],
      },
    });
    return { replicas: decision.desiredReplicas, condition: decision.normalization?.condition };
  };
  const F = false;
  const T = true;

  const cases: [string, Parameters<typeof reconcile>[0], number, LimitReason][] = [
    [
      'TestScaleUp',
      { current: 3, target: 30, pods: pods(millis(3), [300, 500, 700]), min: 2, max: 6 },
      5,
      'DesiredWithinRange',
    ],
    [
      'TestScaleUpUnreadyLessScale',
      { current: 3, target: 30, pods: pods(millis(3), [300, 500, 700], { ready: [F, T, T] }), min: 2, max: 6 },
      4,
      'DesiredWithinRange',
    ],
    [
      'TestScaleUpHotCpuLessScale',
      { current: 3, target: 30, pods: pods(millis(3), [300, 500, 700], { started: [0, 180, 180] }), min: 2, max: 6 },
      4,
      'DesiredWithinRange',
    ],
    [
      'TestScaleUpUnreadyNoScale',
      { current: 3, target: 30, pods: pods(millis(3), [400, 500, 700], { ready: [T, F, F] }), min: 2, max: 6 },
      3,
      'DesiredWithinRange',
    ],
    [
      'TestScaleUpHotCpuNoScale',
      {
        current: 3,
        target: 30,
        pods: pods(millis(3), [400, 500, 700], { ready: [T, F, F], started: [180, 0, 0] }),
        min: 2,
        max: 6,
      },
      3,
      'DesiredWithinRange',
    ],
    [
      'TestScaleUpIgnoresFailedPods',
      {
        current: 2,
        target: 30,
        pods: pods(millis(4), [500, 700], { ready: [T, T, F, F] }).map((p, i) =>
          i >= 2 ? { ...p, phase: 'Failed' as const } : p,
        ),
        min: 2,
        max: 6,
      },
      4,
      'DesiredWithinRange',
    ],
    [
      'TestScaleUpIgnoresDeletionPods',
      {
        current: 2,
        target: 30,
        pods: pods(millis(4), [500, 700], { ready: [T, T, F, F] }).map((p, i) =>
          i >= 2 ? { ...p, deleting: true } : p,
        ),
        min: 2,
        max: 6,
      },
      4,
      'DesiredWithinRange',
    ],
    [
      'TestScaleDown',
      { current: 5, target: 50, pods: pods(millis(5), [100, 300, 500, 250, 250]), min: 2, max: 6 },
      3,
      'DesiredWithinRange',
    ],
    [
      'TestScaleDownWithScalingRules',
      {
        current: 5,
        target: 50,
        pods: pods(millis(5), [100, 300, 500, 250, 250]),
        min: 2,
        max: 6,
        behavior: { scaleUp: rules(0, 0, 100, 15, 30) },
      },
      3,
      'DesiredWithinRange',
    ],
    [
      // recommendations nil: the controller seeds the history with the current count.
      'TestScaleDownStabilizeInitialSize',
      {
        current: 5,
        target: 50,
        pods: pods(millis(5), [100, 300, 500, 250, 250]),
        min: 2,
        max: 6,
        recommendations: recs([5, 0]),
      },
      5,
      'DesiredWithinRange',
    ],
    [
      'TestScaleDownIncludeUnreadyPods',
      {
        current: 5,
        target: 50,
        pods: pods(millis(5), [100, 300, 500, 250, 250], { ready: [T, T, T, F, F] }),
        min: 2,
        max: 6,
      },
      2,
      'DesiredWithinRange',
    ],
    [
      'TestScaleDownIgnoreHotCpuPods',
      {
        current: 5,
        target: 50,
        pods: pods(millis(5), [100, 300, 500, 250, 250], { started: [180, 180, 180, 0, 0] }),
        min: 2,
        max: 6,
      },
      2,
      'DesiredWithinRange',
    ],
    [
      'TestScaleDownIgnoresFailedPods',
      {
        current: 5,
        target: 50,
        pods: pods(millis(7), [100, 300, 500, 250, 250], { ready: [T, T, T, T, T, F, F] }).map((p, i) =>
          i >= 5 ? { ...p, phase: 'Failed' as const } : p,
        ),
        min: 2,
        max: 6,
      },
      3,
      'DesiredWithinRange',
    ],
    [
      'TestScaleDownIgnoresDeletionPods',
      {
        current: 5,
        target: 50,
        pods: pods(millis(7), [100, 300, 500, 250, 250], { ready: [T, T, T, T, T, F, F] }).map((p, i) =>
          i >= 5 ? { ...p, deleting: true } : p,
        ),
        min: 2,
        max: 6,
      },
      3,
      'DesiredWithinRange',
    ],
    [
      'TestTolerance',
      { current: 3, target: 100, pods: pods([900, 1000, 1100], [1010, 1030, 1020]), min: 1, max: 5 },
      3,
      'DesiredWithinRange',
    ],
    [
      'TestMinReplicas',
      { current: 3, target: 90, pods: pods([900, 1000, 1100], [10, 94, 10]), min: 2, max: 5 },
      2,
      'TooFewReplicas',
    ],
    [
      'TestZeroMinReplicasDesiredZero',
      { current: 3, target: 90, pods: pods([900, 1000, 1100], [0, 0, 0]), min: 0, max: 5 },
      0,
      'DesiredWithinRange',
    ],
    [
      'TestMinReplicasDesiredZero',
      { current: 3, target: 90, pods: pods([900, 1000, 1100], [0, 0, 0]), min: 2, max: 5 },
      2,
      'TooFewReplicas',
    ],
    [
      'TestMaxReplicas',
      { current: 3, target: 90, pods: pods([900, 1000, 1100], [8000, 9500, 1000]), min: 2, max: 5 },
      5,
      'TooManyReplicas',
    ],
    [
      'TestSuperfluousMetrics (the listed pods)',
      { current: 4, target: 100, pods: pods(millis(4), [4000, 9500, 3000, 7000]), min: 2, max: 6 },
      6,
      'TooManyReplicas',
    ],
    [
      'TestMissingMetrics',
      { current: 4, target: 100, pods: pods(millis(4), [400, 94]), min: 2, max: 6 },
      3,
      'DesiredWithinRange',
    ],
    [
      'TestMissingReports',
      { current: 4, target: 50, pods: pods([200], [200]), min: 1, max: 5 },
      2,
      'DesiredWithinRange',
    ],
    ['TestEventCreated', { current: 1, target: 50, pods: pods([200], [200]), min: 1, max: 5 }, 2, 'DesiredWithinRange'],
    [
      'TestEventNotCreated',
      { current: 2, target: 50, pods: pods([400, 400], [200, 200]), min: 1, max: 5 },
      2,
      'DesiredWithinRange',
    ],
    [
      'TestUpscaleCap',
      {
        current: 3,
        target: 10,
        pods: pods(millis(3, 100), [100, 200, 300]),
        min: 1,
        max: 100,
        behavior: { scaleUp: rules(0, 0, 700, 60, 0) },
      },
      24,
      'ScaleUpLimit',
    ],
    [
      'TestUpscaleCapGreaterThanMaxReplicas',
      {
        current: 3,
        target: 10,
        pods: pods(millis(3, 100), [100, 200, 300]),
        min: 1,
        max: 20,
        behavior: { scaleUp: rules(0, 0, 700, 60, 0) },
      },
      20,
      'TooManyReplicas',
    ],
    [
      'TestMoreReplicasThanSpecNoScale',
      { current: 4, target: 50, pods: pods(millis(5), [500, 500, 500, 500, 500]), min: 1, max: 8 },
      4,
      'DesiredWithinRange',
    ],
    [
      'TestStabilizeDownscale',
      {
        current: 4,
        target: 100,
        pods: pods(millis(3, 100), [50, 50, 50]),
        min: 1,
        max: 5,
        recommendations: recs([10, 600], [4, 60]),
      },
      4,
      'DesiredWithinRange',
    ],
    [
      'TestScaleUpOneMetricInvalid (the CPU metric)',
      { current: 3, target: 30, pods: pods(millis(3), [300, 400, 500]), min: 2, max: 6 },
      4,
      'DesiredWithinRange',
    ],
    [
      'TestScaleUpFromZeroOneMetricInvalid (the CPU metric)',
      { current: 0, target: 30, pods: pods(millis(3), [300, 400, 500]), min: 0, max: 6 },
      4,
      'DesiredWithinRange',
    ],
    [
      'TestNoBackoffUpscaleCMNoBackoffCpu (the CPU metric)',
      { current: 3, target: 10, pods: pods(millis(3), [20000, 10000, 30000]), min: 1, max: 5 },
      5,
      'TooManyReplicas',
    ],
    [
      'TestComputedToleranceAlgImplementation (target 56)',
      {
        current: 10,
        target: 56,
        pods: pods([400, 200, 310, 290, 302, 298, 301, 299, 300, 300], millis(10, 150)),
        min: 0,
        max: 1000,
      },
      9,
      'DesiredWithinRange',
    ],
    [
      'TestComputedToleranceAlgImplementation (target 55)',
      {
        current: 10,
        target: 55,
        pods: pods([400, 200, 310, 290, 302, 298, 301, 299, 300, 300], millis(10, 150)),
        min: 0,
        max: 1000,
      },
      10,
      'DesiredWithinRange',
    ],
  ];
  for (const [name, args, replicas, condition] of cases) {
    it(name, () => assert.deepEqual(reconcile(args), { replicas, condition }));
  }
});
