import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONTROLLER_SETTINGS, type HpaSpec, lookBackSeconds, reconcile, recordScale } from './reconcile.js';
import type { PodSample } from './replica-calculator.js';

const pods = (usage: (number | null)[]): PodSample[] =>
  usage.map((u, i) => ({ name: `p${i}`, phase: 'Running', ready: true, cpuRequestMilli: 100, cpuUsageMilli: u }));
const hpa: HpaSpec = {
  minReplicas: 1,
  maxReplicas: 10,
  targetCpuUtilization: 50,
  behavior: {
    scaleDown: { stabilizationWindowSeconds: 60, policies: [{ type: 'Pods', value: 1, periodSeconds: 30 }] },
  },
};
const settings = DEFAULT_CONTROLLER_SETTINGS;

describe('reconcile: one HPA sync, memory in and out', () => {
  it('first sight seeds the memory with the current count, which holds a scale-down for the window', () => {
    const first = reconcile({ now: 0, hpa, currentReplicas: 4, pods: pods([0, 0, 0, 0]), settings, memory: undefined });
    assert.equal(first.decision.desiredReplicas, 4);
    assert.equal(first.decision.normalization?.stabilization, 'ScaleDownStabilized');
    assert.deepEqual(
      first.memory.recommendations.map((r) => r.replicas),
      [4, 0],
    );
    const later = reconcile({
      now: 60_000,
      hpa,
      currentReplicas: 4,
      pods: pods([0, 0, 0, 0]),
      settings,
      memory: first.memory,
    });
    // The window has passed; the Pods policy allows one replica per 30 s.
    assert.deepEqual([later.decision.desiredReplicas, later.decision.normalization?.condition], [3, 'ScaleDownLimit']);
  });

  it('a recorded rescale limits the next one within the policy period', () => {
    const base = reconcile({
      now: 60_000,
      hpa,
      currentReplicas: 4,
      pods: pods([0, 0, 0, 0]),
      settings,
      memory: undefined,
    });
    const old = { ...base.memory, recommendations: [] };
    const scaled = recordScale(old, hpa, 4, 3, 60_000);
    assert.deepEqual(scaled.scaleDowns, [{ change: 1, t: 60_000 }]);
    const next = reconcile({ now: 75_000, hpa, currentReplicas: 3, pods: pods([0, 0, 0]), settings, memory: scaled });
    assert.equal(next.decision.desiredReplicas, 3, 'one pod per 30 s: the next goes at 90 s');
  });

  it('without behavior no scale event is kept (the controller stores them for policies only)', () => {
    const plain = { ...hpa, behavior: undefined };
    const { memory } = reconcile({
      now: 0,
      hpa: plain,
      currentReplicas: 2,
      pods: pods([50, 50]),
      settings,
      memory: undefined,
    });
    assert.equal(recordScale(memory, plain, 2, 3, 0), memory);
  });

  it('bounds and failures: straight to min/max, nothing recorded when metrics are unavailable', () => {
    const above = reconcile({ now: 0, hpa, currentReplicas: 12, pods: [], settings, memory: undefined });
    assert.deepEqual(
      [above.decision.desiredReplicas, above.decision.reason],
      [10, 'Current number of replicas above Spec.MaxReplicas'],
    );
    const down = reconcile({
      now: 0,
      hpa,
      currentReplicas: 3,
      pods: pods([null, null, null]),
      settings,
      memory: undefined,
    });
    assert.equal(down.decision.ok, false);
    assert.equal(down.decision.rescale, false);
    assert.deepEqual(
      down.memory.recommendations.map((r) => r.replicas),
      [3],
    );
    const cut = reconcile({
      now: 0,
      hpa,
      currentReplicas: 3,
      pods: pods([90, 90, 90]),
      unavailable: 'metrics API down',
      settings,
      memory: undefined,
    });
    assert.match(cut.decision.reason, /unable to compute the replica count: metrics API down/);
  });

  it('forgets what no window or period can look at', () => {
    assert.equal(lookBackSeconds(hpa.behavior, settings), 60);
    const { memory } = reconcile({
      now: 0,
      hpa,
      currentReplicas: 2,
      pods: pods([50, 50]),
      settings,
      memory: undefined,
    });
    const later = reconcile({ now: 120_000, hpa, currentReplicas: 2, pods: pods([50, 50]), settings, memory });
    assert.deepEqual(
      later.memory.recommendations.map((r) => r.t),
      [120_000],
    );
  });
});
