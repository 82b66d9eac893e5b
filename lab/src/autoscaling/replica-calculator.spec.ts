import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { millis, pods } from '../testing/autoscaling.js';
import {
  calculateReplicas,
  calculateReplicasDetailed,
  groupPods,
  isWithinTolerance,
  type PodSample,
  ReplicaCalculationError,
  type ReplicaCalculationInput,
} from './replica-calculator.js';

/**
 * Kubernetes' tests run with `defaultTestingCPUInitializationPeriod` = 2 min; a "hot" pod started now and a "cool"
 * one 3 min ago (`hotCPUCreationTime` / `coolCPUCreationTime`), a pod without a start time long ago.
 */
const INIT = 120;
const HOT = 0;
const COOL = 180;

const T = true;
const F = false;

interface Case {
  name: string;
  input: Omit<ReplicaCalculationInput, 'cpuInitializationPeriodSeconds'> & { cpuInitializationPeriodSeconds?: number };
  expected: { desiredReplicas: number; utilization: number } | { error: RegExp };
}

function run(cases: Case[]) {
  for (const c of cases) {
    it(c.name, () => {
      const input = { cpuInitializationPeriodSeconds: INIT, ...c.input };
      if ('error' in c.expected) {
        assert.throws(() => calculateReplicas(input), c.expected.error);
      } else {
        assert.deepEqual(calculateReplicas(input), c.expected);
      }
    });
  }
}

describe('hpa replicas: lab-cli.md examples', () => {
  const lab = (c: Case): Case => ({ ...c, input: { cpuInitializationPeriodSeconds: 300, ...c.input } });
  run(
    [
      {
        name: '3 ready 500/400 each, target 50, current 3',
        input: { currentReplicas: 3, targetUtilization: 50, pods: pods(millis(3, 500), [400, 400, 400]) },
        expected: { desiredReplicas: 5, utilization: 80 },
      },
      {
        name: '4 ready 1000/520 each, target 50: within tolerance',
        input: { currentReplicas: 4, targetUtilization: 50, pods: pods(millis(4), [520, 520, 520, 520]) },
        expected: { desiredReplicas: 4, utilization: 52 },
      },
      {
        name: '5 ready 200/40 each, target 50',
        input: { currentReplicas: 5, targetUtilization: 50, pods: pods(millis(5, 200), [40, 40, 40, 40, 40]) },
        expected: { desiredReplicas: 2, utilization: 20 },
      },
      {
        name: '1000/900, 1000/900, 1000/null: missing metric counted as 0 on a scale-up',
        input: { currentReplicas: 3, targetUtilization: 50, pods: pods(millis(3), [900, 900, null]) },
        expected: { desiredReplicas: 4, utilization: 90 },
      },
      {
        name: 'unready 1000/100, ready 1000/800 twice: the unready pod as 0 damps the scale-up into the tolerance',
        input: {
          currentReplicas: 3,
          targetUtilization: 50,
          pods: pods(millis(3), [100, 800, 800], { ready: [F, T, T] }),
        },
        expected: { desiredReplicas: 3, utilization: 80 },
      },
    ].map(lab),
  );
});

// replica_calculator_test.go, TestReplicaCalcResourceScale (each pod's two containers report the same level, so
// pod totals are twice the level and twice the request: the utilization is the same integer).
describe('hpa replicas: TestReplicaCalcResourceScale', () => {
  run([
    {
      name: 'scale up',
      input: { currentReplicas: 3, targetUtilization: 30, pods: pods(millis(3), [300, 500, 700]) },
      expected: { desiredReplicas: 5, utilization: 50 },
    },
    {
      name: 'scale up: container metric (container2 levels 300/500/700)',
      input: { currentReplicas: 3, targetUtilization: 30, pods: pods(millis(3), [300, 500, 700]) },
      expected: { desiredReplicas: 5, utilization: 50 },
    },
    {
      name: 'scale up: unready pod scales less',
      input: {
        currentReplicas: 3,
        targetUtilization: 30,
        pods: pods(millis(3), [300, 500, 700], { ready: [F, T, T] }),
      },
      expected: { desiredReplicas: 4, utilization: 60 },
    },
    {
      name: 'scale up: hot-CPU pod scales less',
      input: {
        currentReplicas: 3,
        targetUtilization: 30,
        pods: pods(millis(3), [300, 500, 700], { started: [HOT, COOL, COOL] }),
      },
      expected: { desiredReplicas: 4, utilization: 60 },
    },
    {
      name: 'no scale: unready pods ignored',
      input: {
        currentReplicas: 3,
        targetUtilization: 30,
        pods: pods(millis(3), [400, 500, 700], { ready: [T, F, F] }),
      },
      expected: { desiredReplicas: 3, utilization: 40 },
    },
    {
      name: 'no scale: hot-CPU pods ignored',
      input: {
        currentReplicas: 3,
        targetUtilization: 30,
        pods: pods(millis(3), [400, 500, 700], { ready: [T, F, F], started: [COOL, HOT, HOT] }),
      },
      expected: { desiredReplicas: 3, utilization: 40 },
    },
    {
      name: 'scale up: failed pods ignored',
      input: {
        currentReplicas: 2,
        targetUtilization: 30,
        pods: pods(millis(4), [500, 700], { ready: [T, T, F, F], phase: ['Running', 'Running', 'Failed', 'Failed'] }),
      },
      expected: { desiredReplicas: 4, utilization: 60 },
    },
    {
      name: 'scale up: failed pods ignored even with samples',
      input: {
        currentReplicas: 2,
        targetUtilization: 30,
        pods: pods(millis(4), [500, 700, 1000, 9000], {
          ready: [T, T, F, F],
          phase: ['Running', 'Running', 'Failed', 'Failed'],
        }),
      },
      expected: { desiredReplicas: 4, utilization: 60 },
    },
    {
      name: 'scale up: pods being deleted are ignored',
      input: {
        currentReplicas: 2,
        targetUtilization: 30,
        pods: pods(millis(4), [500, 700], { ready: [T, T, F, F], deleting: [F, F, T, T] }),
      },
      expected: { desiredReplicas: 4, utilization: 60 },
    },
    {
      name: 'scale down',
      input: { currentReplicas: 5, targetUtilization: 50, pods: pods(millis(5), [100, 300, 500, 250, 250]) },
      expected: { desiredReplicas: 3, utilization: 28 },
    },
    {
      name: 'scale down: exclude unready pods',
      input: {
        currentReplicas: 5,
        targetUtilization: 50,
        pods: pods(millis(5), [100, 300, 500, 250, 250], { ready: [T, T, T, F, F] }),
      },
      expected: { desiredReplicas: 2, utilization: 30 },
    },
    {
      name: 'scale down: exclude unscheduled (Pending) pods',
      input: {
        currentReplicas: 5,
        targetUtilization: 50,
        pods: pods(millis(5), [100], {
          ready: [T, F, F, F, F],
          phase: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'],
        }),
      },
      expected: { desiredReplicas: 1, utilization: 10 },
    },
    {
      name: 'scale down: ignore hot-CPU pods',
      input: {
        currentReplicas: 5,
        targetUtilization: 50,
        pods: pods(millis(5), [100, 300, 500, 250, 250], { started: [COOL, COOL, COOL, HOT, HOT] }),
      },
      expected: { desiredReplicas: 2, utilization: 30 },
    },
    {
      name: 'scale down: container metric ignores hot-CPU pods (hot pods at 1000)',
      input: {
        currentReplicas: 5,
        targetUtilization: 50,
        pods: pods(millis(5), [100, 300, 500, 1000, 1000], { started: [COOL, COOL, COOL, HOT, HOT] }),
      },
      expected: { desiredReplicas: 2, utilization: 30 },
    },
    {
      name: 'scale down: failed pods ignored',
      input: {
        currentReplicas: 5,
        targetUtilization: 50,
        pods: pods(millis(7), [100, 300, 500, 250, 250], {
          ready: [T, T, T, T, T, F, F],
          phase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'],
        }),
      },
      expected: { desiredReplicas: 3, utilization: 28 },
    },
    {
      name: 'scale down: pods being deleted are ignored',
      input: {
        currentReplicas: 5,
        targetUtilization: 50,
        pods: pods(millis(7), [100, 300, 500, 250, 250], {
          ready: [T, T, T, T, T, F, F],
          deleting: [F, F, F, F, F, T, T],
        }),
      },
      expected: { desiredReplicas: 3, utilization: 28 },
    },
    {
      // Regression test for kubernetes/kubernetes#83561: deleting pods that still report usage.
      name: 'scale down: still-running pods being deleted are ignored',
      input: {
        currentReplicas: 5,
        targetUtilization: 50,
        pods: pods(millis(7), [100, 300, 500, 250, 250, 1000, 1000], {
          ready: [T, T, T, T, T, F, F],
          deleting: [F, F, F, F, F, T, T],
        }),
      },
      expected: { desiredReplicas: 3, utilization: 28 },
    },
  ]);
});

// TestReplicaCalcResourceTolerance: requests 0.9/1.0/1.1, target 100, current 3; Tolerances{scaleDown, scaleUp}.
describe('hpa replicas: TestReplicaCalcResourceTolerance', () => {
  const mixed = [900, 1000, 1100];
  run([
    {
      name: 'within default tolerance',
      input: { currentReplicas: 3, targetUtilization: 100, pods: pods(mixed, [1010, 1030, 1020]) },
      expected: { desiredReplicas: 3, utilization: 102 },
    },
    {
      name: 'outside 0% tolerance',
      input: { currentReplicas: 3, targetUtilization: 100, tolerance: 0, pods: pods(mixed, [909, 1010, 1111]) },
      expected: { desiredReplicas: 4, utilization: 101 },
    },
    {
      name: 'within 200% scale-up tolerance',
      input: { currentReplicas: 3, targetUtilization: 100, scaleUpTolerance: 2, pods: pods(mixed, [1890, 1910, 1900]) },
      expected: { desiredReplicas: 3, utilization: 190 },
    },
    {
      name: 'outside 8% scale-up tolerance (superfluous scale-down tolerance)',
      input: {
        currentReplicas: 3,
        targetUtilization: 100,
        scaleDownTolerance: 2,
        scaleUpTolerance: 0.08,
        pods: pods(mixed, [1100, 1080, 1090]),
      },
      expected: { desiredReplicas: 4, utilization: 109 },
    },
    {
      name: 'within 36% scale-down tolerance',
      input: {
        currentReplicas: 3,
        targetUtilization: 100,
        scaleDownTolerance: 0.36,
        pods: pods(mixed, [660, 640, 650]),
      },
      expected: { desiredReplicas: 3, utilization: 65 },
    },
    {
      name: 'outside 34% scale-down tolerance',
      input: {
        currentReplicas: 3,
        targetUtilization: 100,
        scaleDownTolerance: 0.34,
        pods: pods(mixed, [660, 640, 650]),
      },
      expected: { desiredReplicas: 2, utilization: 65 },
    },
  ]);
});

// TestReplicaCalcResourceMissingMetrics.
describe('hpa replicas: TestReplicaCalcResourceMissingMetrics', () => {
  run([
    {
      // Kubernetes also receives samples for two pods that are not in the list; only the pods' own count.
      name: 'superfluous metrics counted (the listed pods)',
      input: { currentReplicas: 4, targetUtilization: 100, pods: pods(millis(4), [4000, 9500, 3000, 7000]) },
      expected: { desiredReplicas: 24, utilization: 587 },
    },
    {
      name: 'some pods missing metrics scales down',
      input: { currentReplicas: 4, targetUtilization: 100, pods: pods(millis(4), [400, 95]) },
      expected: { desiredReplicas: 3, utilization: 24 },
    },
    {
      name: 'no change: metric equal to target',
      input: { currentReplicas: 2, targetUtilization: 100, pods: pods(millis(2), [1000]) },
      expected: { desiredReplicas: 2, utilization: 100 },
    },
    {
      name: 'no change: metric above target (missing pod as 0% flips the direction)',
      input: { currentReplicas: 2, targetUtilization: 100, pods: pods(millis(2), [1900]) },
      expected: { desiredReplicas: 2, utilization: 190 },
    },
    {
      name: 'no change: metric below target (missing pod as 100% lands on ceil(0.8 × 2) = 2)',
      input: { currentReplicas: 2, targetUtilization: 100, pods: pods(millis(2), [600]) },
      expected: { desiredReplicas: 2, utilization: 60 },
    },
    {
      name: 'no change: unready pod metric missing',
      input: { currentReplicas: 3, targetUtilization: 50, pods: pods(millis(3), [100, 450], { ready: [F, T, T] }) },
      expected: { desiredReplicas: 3, utilization: 45 },
    },
    {
      name: 'no change: hot-CPU pod metric missing',
      input: {
        currentReplicas: 3,
        targetUtilization: 50,
        pods: pods(millis(3), [100, 450], { started: [HOT, COOL, COOL] }),
      },
      expected: { desiredReplicas: 3, utilization: 45 },
    },
    {
      name: 'scale up: unready pod metric missing',
      input: { currentReplicas: 3, targetUtilization: 50, pods: pods(millis(3), [100, 2000], { ready: [F, T, T] }) },
      expected: { desiredReplicas: 4, utilization: 200 },
    },
    {
      name: 'scale up: hot-CPU pod metric missing',
      input: {
        currentReplicas: 3,
        targetUtilization: 50,
        pods: pods(millis(3), [100, 2000], { ready: [F, T, T], started: [HOT, COOL, COOL] }),
      },
      expected: { desiredReplicas: 4, utilization: 200 },
    },
    {
      name: 'scale down: unready pod metric missing',
      input: {
        currentReplicas: 4,
        targetUtilization: 50,
        pods: pods(millis(4), [100, 100, 100], { ready: [F, T, T, T] }),
      },
      expected: { desiredReplicas: 3, utilization: 10 },
    },
    {
      // The missing pod counts at max(100%, target) of its request on a scale-down.
      name: 'scale down: target over 100',
      input: {
        currentReplicas: 4,
        targetUtilization: 300,
        pods: pods([1000, 1000, 2000, 2000], [200, 100, 100], { ready: [F, T, T, T] }),
      },
      expected: { desiredReplicas: 2, utilization: 6 },
    },
    {
      name: 'rolling update with maxSurge: extra pod missing metric',
      input: { currentReplicas: 2, targetUtilization: 50, pods: pods(millis(3), [100, 100]) },
      expected: { desiredReplicas: 2, utilization: 10 },
    },
    {
      name: 'no metrics returned at all',
      input: { currentReplicas: 4, targetUtilization: 100, pods: pods(millis(3), []) },
      expected: { error: /no metrics returned from resource metrics API/ },
    },
    {
      name: 'samples only from pods with no request (cf. disjoint pod and metric names)',
      input: { currentReplicas: 1, targetUtilization: 100, pods: pods([0], [100]) },
      expected: { error: /no metrics returned matched known pods/ },
    },
    {
      name: 'every sample belongs to an unready pod',
      input: { currentReplicas: 2, targetUtilization: 50, pods: pods(millis(2), [100, 100], { ready: [F, F] }) },
      expected: { error: /did not receive metrics for targeted pods/ },
    },
    {
      name: 'no pods',
      input: { currentReplicas: 2, targetUtilization: 50, pods: [] },
      expected: { error: /no pods returned by selector/ },
    },
  ]);
});

// TestReplicaCalcComputedToleranceAlgImplementation: 10 pods asking 2× what they use (150m each), requests
// jittered around 300m; the target is just past / just inside the 10% tolerance.
describe('hpa replicas: TestReplicaCalcComputedToleranceAlgImplementation', () => {
  const requests = [400, 200, 310, 290, 302, 298, 301, 299, 300, 300];
  const usage = requests.map(() => 150);
  run([
    {
      name: 'target int32((1/(2×0.9) + .01) × 100) = 56 scales down to ceil(ratio × 10)',
      input: { currentReplicas: 10, targetUtilization: 56, pods: pods(requests, usage) },
      expected: { desiredReplicas: 9, utilization: 50 },
    },
    {
      name: 'target int32((1/(2×0.9) + .004) × 100) = 55 stays',
      input: { currentReplicas: 10, targetUtilization: 55, pods: pods(requests, usage) },
      expected: { desiredReplicas: 10, utilization: 50 },
    },
  ]);
});

// TestGroupPods, for the cases this input can express (it carries no readiness-transition or sample times).
describe('hpa replicas: TestGroupPods', () => {
  const group = (list: PodSample[]) => {
    const g = groupPods(list, INIT);
    const names = (ix: number[]) => ix.map((i) => list[i]!.name);
    return { ready: g.readyPodCount, unready: names(g.unready), missing: names(g.missing), ignored: names(g.ignored) };
  };
  const pod = (name: string, p: Partial<PodSample>): PodSample => ({
    name,
    phase: 'Running',
    ready: true,
    cpuRequestMilli: 100,
    cpuUsageMilli: 1,
    ...p,
  });

  it('void', () => {
    assert.deepEqual(group([]), { ready: 0, unready: [], missing: [], ignored: [] });
  });
  it('unready a pod without ready condition', () => {
    assert.deepEqual(group([pod('lucretius', { phase: 'Succeeded', ready: false, startedSecondsAgo: 0 })]), {
      ready: 0,
      unready: ['lucretius'],
      missing: [],
      ignored: [],
    });
  });
  it('unready a ready pod without fresh metrics during initialization period', () => {
    assert.deepEqual(group([pod('bentham', { phase: 'Succeeded', startedSecondsAgo: 60 })]).unready, ['bentham']);
  });
  it('unready an unready pod', () => {
    assert.deepEqual(group([pod('lucretius', { phase: 'Succeeded', ready: false, startedSecondsAgo: 600 })]).unready, [
      'lucretius',
    ]);
  });
  it('count in a ready pod after initialization period', () => {
    assert.equal(group([pod('bentham', { phase: 'Succeeded', startedSecondsAgo: 180 })]).ready, 1);
  });
  it('a missing pod', () => {
    assert.deepEqual(group([pod('epicurus', { phase: 'Succeeded', startedSecondsAgo: 180, cpuUsageMilli: null })]), {
      ready: 0,
      unready: [],
      missing: ['epicurus'],
      ignored: [],
    });
  });
  it('several pods', () => {
    assert.deepEqual(
      group([
        pod('lucretius', { phase: 'Succeeded', ready: false, startedSecondsAgo: 0 }),
        pod('niccolo', { phase: 'Succeeded', startedSecondsAgo: 180 }),
        pod('epicurus', { phase: 'Succeeded', startedSecondsAgo: 180, cpuUsageMilli: null }),
      ]),
      { ready: 1, unready: ['lucretius'], missing: ['epicurus'], ignored: [] },
    );
  });
  it('pending pods are unreadied, even without a sample', () => {
    assert.deepEqual(group([pod('unscheduled', { phase: 'Pending', cpuUsageMilli: null })]).unready, ['unscheduled']);
  });
  it('ignore pods with deletion timestamps (before the Pending check)', () => {
    assert.deepEqual(group([pod('deleted', { phase: 'Pending', deleting: true })]).ignored, ['deleted']);
  });
  it('ignore pods in a failed state', () => {
    assert.deepEqual(group([pod('failed', { phase: 'Failed' })]).ignored, ['failed']);
  });
  it('a not-ready pod without a sample is missing, not unready (the sample check comes first)', () => {
    assert.deepEqual(group([pod('p', { ready: false, cpuUsageMilli: null })]).missing, ['p']);
  });
});

// horizontal_test.go reconcile cases, the replica-calculator half (pod totals; the controller's split of levels
// over two containers rounds odd levels down, e.g. 95 → 47 + 47).
describe('hpa replicas: horizontal_test.go metric cases', () => {
  run([
    {
      name: 'TestScaleUp',
      input: { currentReplicas: 3, targetUtilization: 30, pods: pods(millis(3), [300, 500, 700]) },
      expected: { desiredReplicas: 5, utilization: 50 },
    },
    {
      name: 'TestScaleUpHotCpuNoScale',
      input: {
        currentReplicas: 3,
        targetUtilization: 30,
        pods: pods(millis(3), [400, 500, 700], { ready: [T, F, F], started: [COOL, HOT, HOT] }),
      },
      expected: { desiredReplicas: 3, utilization: 40 },
    },
    {
      name: 'TestScaleDownIncludeUnreadyPods',
      input: {
        currentReplicas: 5,
        targetUtilization: 50,
        pods: pods(millis(5), [100, 300, 500, 250, 250], { ready: [T, T, T, F, F] }),
      },
      expected: { desiredReplicas: 2, utilization: 30 },
    },
    {
      name: 'TestTolerance',
      input: { currentReplicas: 3, targetUtilization: 100, pods: pods([900, 1000, 1100], [1010, 1030, 1020]) },
      expected: { desiredReplicas: 3, utilization: 102 },
    },
    {
      name: 'TestMinReplicas (before the minimum)',
      input: { currentReplicas: 3, targetUtilization: 90, pods: pods([900, 1000, 1100], [10, 94, 10]) },
      expected: { desiredReplicas: 1, utilization: 3 },
    },
    {
      name: 'TestZeroMinReplicasDesiredZero',
      input: { currentReplicas: 3, targetUtilization: 90, pods: pods([900, 1000, 1100], [0, 0, 0]) },
      expected: { desiredReplicas: 0, utilization: 0 },
    },
    {
      name: 'TestMaxReplicas (before the maximum)',
      input: { currentReplicas: 3, targetUtilization: 90, pods: pods([900, 1000, 1100], [8000, 9500, 1000]) },
      expected: { desiredReplicas: 21, utilization: 616 },
    },
    {
      name: 'TestMissingMetrics',
      input: { currentReplicas: 4, targetUtilization: 100, pods: pods(millis(4), [400, 94]) },
      expected: { desiredReplicas: 3, utilization: 24 },
    },
    {
      name: 'TestMissingReports (one pod listed)',
      input: { currentReplicas: 4, targetUtilization: 50, pods: pods([200], [200]) },
      expected: { desiredReplicas: 2, utilization: 100 },
    },
    {
      name: 'TestEventCreated',
      input: { currentReplicas: 1, targetUtilization: 50, pods: pods([200], [200]) },
      expected: { desiredReplicas: 2, utilization: 100 },
    },
    {
      name: 'TestEventNotCreated',
      input: { currentReplicas: 2, targetUtilization: 50, pods: pods([400, 400], [200, 200]) },
      expected: { desiredReplicas: 2, utilization: 50 },
    },
    {
      name: 'TestMoreReplicasThanSpecNoScale (5 pods during a surge, spec 4)',
      input: { currentReplicas: 4, targetUtilization: 50, pods: pods(millis(5), [500, 500, 500, 500, 500]) },
      expected: { desiredReplicas: 4, utilization: 50 },
    },
    {
      name: 'TestUpscaleCap (before the cap)',
      input: { currentReplicas: 3, targetUtilization: 10, pods: pods(millis(3, 100), [100, 200, 300]) },
      expected: { desiredReplicas: 60, utilization: 200 },
    },
  ]);
});

describe('hpa replicas: edges', () => {
  it('tolerance edges are inclusive on both sides', () => {
    const t = { scaleDown: 0.1, scaleUp: 0.1 };
    assert.equal(isWithinTolerance(t, 110 / 100), true);
    assert.equal(isWithinTolerance(t, 90 / 100), true);
    assert.equal(isWithinTolerance(t, 111 / 100), false);
    assert.equal(isWithinTolerance(t, 89 / 100), false);
    // 110% of a 100% target: exactly on the edge, no change.
    assert.deepEqual(
      calculateReplicas({ currentReplicas: 4, targetUtilization: 100, pods: pods(millis(2), [1100, 1100]) }),
      {
        desiredReplicas: 4,
        utilization: 110,
      },
    );
    // 111%: scales to ceil(1.11 × 2) = 3, computed from the ready pods, not from currentReplicas.
    assert.deepEqual(
      calculateReplicas({ currentReplicas: 4, targetUtilization: 100, pods: pods(millis(2), [1110, 1110]) }),
      {
        desiredReplicas: 3,
        utilization: 111,
      },
    );
  });

  it('utilization is integer division of the totals, truncated', () => {
    // 1999 / 3000 = 66.63% → 66; ratio 66/50 = 1.32 → ceil(3.96) = 4.
    assert.deepEqual(
      calculateReplicas({ currentReplicas: 3, targetUtilization: 50, pods: pods(millis(3), [666, 666, 667]) }),
      {
        desiredReplicas: 4,
        utilization: 66,
      },
    );
  });

  it('scale-up tolerance does not widen the scale-down side', () => {
    const input = {
      currentReplicas: 10,
      targetUtilization: 100,
      scaleUpTolerance: 0.5,
      pods: pods(millis(10), millis(10, 850)),
    };
    assert.deepEqual(calculateReplicas(input), { desiredReplicas: 9, utilization: 85 });
  });

  it('`tolerance` sets both directions; a per-direction value overrides it', () => {
    const base = { currentReplicas: 4, targetUtilization: 100, pods: pods(millis(4), millis(4, 1150)) };
    assert.equal(calculateReplicas({ ...base, tolerance: 0.2 }).desiredReplicas, 4);
    assert.equal(calculateReplicas({ ...base, tolerance: 0.2, scaleUpTolerance: 0.1 }).desiredReplicas, 5);
  });

  it('a missing pod on a scale-down that brings the ratio into tolerance keeps the current count', () => {
    // 2 ready at 80% of target 100 → 0.8; the missing pod at 100% → (1600 + 1000) / 3000 = 86% → 0.86: outside;
    // ceil(0.86 × 3) = 3 = current.
    const d = calculateReplicasDetailed({
      currentReplicas: 3,
      targetUtilization: 100,
      pods: pods(millis(3), [800, 800]),
    });
    assert.equal(d.desiredReplicas, 3);
    assert.equal(d.decision, 'adjusted-ratio');
    // With 3 ready at 85% and one missing: (2550 + 1000)/4000 = 88% → 0.88 → ceil(3.52) = 4 = current.
    const e = calculateReplicasDetailed({
      currentReplicas: 4,
      targetUtilization: 100,
      pods: pods(millis(4), [850, 850, 850]),
    });
    assert.equal(e.desiredReplicas, 4);
    // And one that lands inside the tolerance: 3 at 88% + missing → (2640 + 1000)/4000 = 91% → within.
    const f = calculateReplicasDetailed({
      currentReplicas: 4,
      targetUtilization: 100,
      pods: pods(millis(4), [880, 880, 880]),
    });
    assert.deepEqual([f.desiredReplicas, f.decision], [4, 'adjusted-within-tolerance']);
  });

  it('a missing pod on a scale-up counts as 0% and can land in the tolerance or flip the direction', () => {
    // 190% → 1.9; with the missing pod at 0: 1900/2000 = 95% → within the tolerance.
    const d = calculateReplicasDetailed({ currentReplicas: 2, targetUtilization: 100, pods: pods(millis(2), [1900]) });
    assert.deepEqual([d.desiredReplicas, d.decision, d.adjustedUsageRatio], [2, 'adjusted-within-tolerance', 0.95]);
    // 250% → 2.5; with two missing pods at 0: 2500/3000 = 83% → 0.83: a scale-down now, so keep the count.
    const e = calculateReplicasDetailed({ currentReplicas: 3, targetUtilization: 100, pods: pods(millis(3), [2500]) });
    assert.deepEqual([e.desiredReplicas, e.decision, e.adjustedUsageRatio], [3, 'adjusted-direction-changed', 0.83]);
  });

  it('unready pods count as 0% only on a scale-up; on a scale-down they are simply left out', () => {
    const up = calculateReplicasDetailed({
      currentReplicas: 4,
      targetUtilization: 50,
      pods: pods(millis(4), [1000, 1000, 1000, 0], { ready: [T, T, T, F] }),
    });
    // 300% → 6 before; with the unready pod at 0: 3000/4000 = 75% → 1.5 → ceil(6) = 6.
    assert.deepEqual([up.desiredReplicas, up.utilization, up.decision], [6, 100, 'adjusted-ratio']);
    const down = calculateReplicasDetailed({
      currentReplicas: 4,
      targetUtilization: 50,
      pods: pods(millis(4), [100, 100, 100, 900], { ready: [T, T, T, F] }),
    });
    // 10% of 50 → 0.2 → ceil(0.6) = 1 from the 3 ready pods; the unready pod's 90% is not counted.
    assert.deepEqual([down.desiredReplicas, down.utilization, down.decision], [1, 10, 'ratio']);
  });

  it('ignored pods neither count nor dilute: their requests stay out of the totals', () => {
    const d = calculateReplicasDetailed({
      currentReplicas: 2,
      targetUtilization: 50,
      pods: pods(millis(4), [500, 500, null, null], {
        phase: ['Running', 'Running', 'Failed', 'Running'],
        deleting: [F, F, F, T],
      }),
    });
    assert.deepEqual(
      [d.desiredReplicas, d.utilization, d.ignoredPods, d.missingPods],
      [2, 50, ['test-pod-2', 'test-pod-3'], []],
    );
  });

  it('a Pending pod is unready: on a scale-up it counts as 0% of its request', () => {
    // ready: 2 × 900/1000 → 90% of 50 → 1.8; with the Pending pod at 0: 1800/3000 = 60% → 1.2 → ceil(3.6) = 4.
    assert.deepEqual(
      calculateReplicas({
        currentReplicas: 3,
        targetUtilization: 50,
        pods: pods(millis(3), [900, 900, null], { phase: ['Running', 'Running', 'Pending'], ready: [T, T, F] }),
      }),
      { desiredReplicas: 4, utilization: 90 },
    );
  });

  it('the initialization period is strict and configurable', () => {
    const mk = (started: number) =>
      calculateReplicas({
        currentReplicas: 2,
        targetUtilization: 50,
        cpuInitializationPeriodSeconds: 300,
        pods: pods(millis(2), [1000, 0], { started: [900, started] }),
      });
    // Still initializing at 299 s: unready, counted as 0% on the scale-up → 1000/2000 = 50% → within → 2.
    assert.deepEqual(mk(299), { desiredReplicas: 2, utilization: 100 });
    // At 300 s it counts: (1000 + 0)/2000 = 50% → within → 2, utilization 50.
    assert.deepEqual(mk(300), { desiredReplicas: 2, utilization: 50 });
  });

  it('the desired count can be below the current one when ready pods are fewer (no currentReplicas in the ratio)', () => {
    assert.deepEqual(
      calculateReplicas({ currentReplicas: 6, targetUtilization: 50, pods: pods(millis(2), [1000, 1000]) }),
      {
        desiredReplicas: 4,
        utilization: 100,
      },
    );
  });

  it('rejects malformed numbers', () => {
    assert.throws(() => calculateReplicas({ currentReplicas: -1, targetUtilization: 50, pods: [] }), RangeError);
    assert.throws(() => calculateReplicas({ currentReplicas: 1, targetUtilization: 0, pods: [] }), RangeError);
    assert.throws(
      () => calculateReplicas({ currentReplicas: 1, targetUtilization: 50, pods: pods([-1], [1]) }),
      RangeError,
    );
    assert.throws(
      () => calculateReplicas({ currentReplicas: 1, targetUtilization: 50, pods: pods([100], [Number.NaN]) }),
      RangeError,
    );
  });

  it('fractional millicores are rounded up, as Quantity.MilliValue() does', () => {
    // 100.2m → 101m of a 200.5m → 201m request: 50% of a 50% target.
    assert.deepEqual(calculateReplicas({ currentReplicas: 1, targetUtilization: 50, pods: pods([200.5], [100.2]) }), {
      desiredReplicas: 1,
      utilization: 50,
    });
  });

  it('reports Kubernetes errors as ReplicaCalculationError', () => {
    assert.throws(
      () => calculateReplicas({ currentReplicas: 1, targetUtilization: 50, pods: [] }),
      (err: unknown) => err instanceof ReplicaCalculationError,
    );
  });
});
