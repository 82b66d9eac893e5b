import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFenceposts } from './fenceposts.js';
import { newRSNewReplicas, type PlanInput, planStep, type RolloutProgressMark, scaleDownOld } from './plan-step.js';

/**
 * A rollout of `desired` pods, one sync every 5 s, where a pod created in one sync is available in the next (as
 * kwok's pods are) unless the new version is broken. Returns the [new, old] sizes after each sync that acted.
 */
function simulate(desired: number, maxSurge: number | string, maxUnavailable: number | string, broken = false) {
  const { surge, unavailable } = resolveFenceposts(maxSurge, maxUnavailable, desired);
  let created = 0; // new pods, all available one sync after they are created
  let available = 0;
  let old = desired;
  let progress: RolloutProgressMark | undefined;
  const steps: [number, number][] = [];
  for (let sync = 0; sync < 100; sync++) {
    const now = sync * 5000;
    const step = planStep({
      now,
      desired,
      surge,
      unavailable,
      progressDeadlineSeconds: 60,
      newRS: { replicas: created, ready: available, available },
      oldRSs: [{ replicas: old, ready: old, available: old }],
      progress,
    });
    progress = step.progress;
    if (step.complete) return { steps, outcome: 'complete', at: now };
    if (step.deadlineExceeded) return { steps, outcome: 'ProgressDeadlineExceeded', at: now };
    if (step.action !== 'none') {
      created = step.newReplicas;
      old = step.oldReplicas[0] as number;
      steps.push([created, old]);
    }
    available = broken ? 0 : created;
  }
  throw new Error('no end');
}

describe('planStep: the Deployment controller rolling update, one sync at a time', () => {
  it('maxSurge 1 / maxUnavailable 0: one new pod up, then one old pod down, never below 3 available', () => {
    const { steps, outcome } = simulate(3, 1, 0);
    assert.equal(outcome, 'complete');
    assert.deepEqual(steps, [
      [1, 3],
      [1, 2],
      [2, 2],
      [2, 1],
      [3, 1],
      [3, 0],
    ]);
  });

  it('25 % / 25 % of 4: surge 1 and unavailable 1, so old pods go two at a time', () => {
    const { steps, outcome } = simulate(4, '25%', '25%');
    assert.equal(outcome, 'complete');
    assert.deepEqual(steps, [
      [1, 4],
      [1, 2],
      [3, 2],
      [3, 0],
      [4, 0],
    ]);
  });

  it('a version that never becomes ready: the surge pod stays, no old pod goes, the deadline is reported', () => {
    const result = simulate(3, 1, 0, true);
    assert.deepEqual(result.steps, [[1, 3]]);
    assert.equal(result.outcome, 'ProgressDeadlineExceeded');
    // Progress last seen when the status first counted the surge pod (t = 5 s); exceeded after 60 s more.
    assert.equal(result.at, 70_000);
  });

  it('NewRSNewReplicas: stays within desired + surge, and never above desired', () => {
    const base = { desired: 5, surge: 2, oldRSs: [{ replicas: 5, ready: 5, available: 5 }] };
    assert.equal(newRSNewReplicas({ ...base, newRS: { replicas: 0, ready: 0, available: 0 } }), 2);
    assert.equal(newRSNewReplicas({ ...base, newRS: { replicas: 2, ready: 0, available: 0 } }), 2);
    assert.equal(
      newRSNewReplicas({
        ...base,
        oldRSs: [{ replicas: 0, ready: 0, available: 0 }],
        newRS: { replicas: 4, ready: 4, available: 4 },
      }),
      5,
    );
  });

  it('cleanupUnhealthyReplicas: unavailable old pods go first, bounded by maxScaledDown', () => {
    const input: Pick<PlanInput, 'desired' | 'unavailable' | 'newRS' | 'oldRSs'> = {
      desired: 4,
      unavailable: 1,
      newRS: { replicas: 1, ready: 0, available: 0 },
      // 4 old pods, 2 of them unavailable: maxScaledDown = 5 − 3 − 1 = 1.
      oldRSs: [{ replicas: 4, ready: 2, available: 2 }],
    };
    assert.deepEqual(scaleDownOld(input), { oldReplicas: [3], cleaned: 1, scaledDown: 0 });
  });

  it('an older old ReplicaSet is scaled down before a newer one', () => {
    const down = scaleDownOld({
      desired: 4,
      unavailable: 2,
      newRS: { replicas: 0, ready: 0, available: 0 },
      oldRSs: [
        { replicas: 1, ready: 1, available: 1 },
        { replicas: 3, ready: 3, available: 3 },
      ],
    });
    assert.deepEqual(down.oldReplicas, [0, 2]);
  });

  it('a new ReplicaSet above desired (the Deployment was scaled down mid-rollout) is scaled down first', () => {
    const step = planStep({
      now: 0,
      desired: 2,
      surge: 1,
      unavailable: 0,
      progressDeadlineSeconds: 600,
      newRS: { replicas: 3, ready: 3, available: 3 },
      oldRSs: [{ replicas: 1, ready: 1, available: 1 }],
      progress: undefined,
    });
    assert.deepEqual([step.action, step.newReplicas, step.oldReplicas], ['scale-down-new', 2, [1]]);
  });

  it('time is injected: progress resets the deadline clock, waiting does not', () => {
    const input: PlanInput = {
      now: 0,
      desired: 1,
      surge: 1,
      unavailable: 0,
      progressDeadlineSeconds: 10,
      newRS: { replicas: 1, ready: 0, available: 0 },
      oldRSs: [{ replicas: 1, ready: 1, available: 1 }],
      progress: undefined,
    };
    const first = planStep(input);
    const waited = planStep({ ...input, now: 10_001, progress: first.progress });
    assert.equal(waited.deadlineExceeded, true);
    const moved = planStep({
      ...input,
      now: 10_001,
      progress: first.progress,
      newRS: { replicas: 1, ready: 1, available: 1 },
    });
    assert.equal(moved.deadlineExceeded, false);
    assert.equal(moved.progress.at, 10_001);
  });
});
