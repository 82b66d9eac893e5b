import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AutoscalerSpec } from '@carebridge/manifests';
import type { ScalingEvent } from '../telemetry/types.js';
import { HpaController, type ScaleTarget, ThresholdController } from './controller.js';
import { SEED_THRESHOLD_RULE } from './threshold.js';

/** A service whose total CPU demand is spread over its ready replicas (100m request each). */
function simulatedService(autoscaler: AutoscalerSpec, clock: { t: number }) {
  let replicas = autoscaler.minReplicas;
  let demandMilli = 0;
  const target: ScaleTarget = {
    name: 'board',
    autoscaler,
    currentReplicas: () => replicas,
    pods: () =>
      Array.from({ length: replicas }, (_, i) => ({
        name: `p${i}`,
        phase: 'Running' as const,
        ready: true,
        cpuRequestMilli: 100,
        cpuUsageMilli: demandMilli / replicas,
        startedSecondsAgo: 3600,
      })),
    scaleTo: (n) => {
      replicas = n;
    },
  };
  return { target, setDemand: (m: number) => (demandMilli = m), replicas: () => replicas, clock };
}

const MANIFEST_BEHAVIOR: AutoscalerSpec = {
  minReplicas: 3,
  maxReplicas: 10,
  targetCpuUtilization: 50,
  behavior: {
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 2, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    },
    scaleDown: {
      stabilizationWindowSeconds: 300,
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }],
    },
  },
};

function run(controller: { sync(): ScalingEvent | undefined }, clock: { t: number }, seconds: number, every = 15) {
  const events: ScalingEvent[] = [];
  for (let s = 0; s < seconds; s += every) {
    clock.t += every * 1000;
    const e = controller.sync();
    if (e) events.push(e);
  }
  return events;
}

describe('HPA controller over time (injected clock)', () => {
  it('scales out within the policy limits, and back only after the stabilization window', () => {
    const clock = { t: 0 };
    const svc = simulatedService(MANIFEST_BEHAVIOR, clock);
    const hpa = new HpaController(svc.target, { now: () => clock.t });
    svc.setDemand(600); // 600m over 3 × 100m: 200% against a 50% target → wants 12, capped at 10
    const up = run(hpa, clock, 120);
    assert.deepEqual(
      up.map((e) => e.to),
      [6, 10],
      'Max(+2 pods, +100%) per 15 s: 3 → 6 → 10',
    );
    assert.equal(up[0]?.details.utilization, 200);
    svc.setDemand(0);
    const down = run(hpa, clock, 600);
    const firstDown = down[0] as ScalingEvent;
    assert.ok(firstDown.t - up.at(-1)!.t >= 300_000, 'no scale-down inside the 300 s stabilization window');
    assert.deepEqual(
      down.map((e) => e.to),
      [5, 3],
      '−50% per 60 s, down to the minimum',
    );
    assert.equal(svc.replicas(), 3);
  });

  it('without behavior: scale-up capped at max(2×current, 4), downscale stabilization 300 s', () => {
    const clock = { t: 0 };
    const svc = simulatedService({ ...MANIFEST_BEHAVIOR, minReplicas: 1, behavior: undefined }, clock);
    const hpa = new HpaController(svc.target, { now: () => clock.t });
    svc.setDemand(900);
    assert.deepEqual(
      run(hpa, clock, 45).map((e) => e.to),
      [4, 8, 10],
    );
  });

  it('leaves replicas alone within tolerance', () => {
    const clock = { t: 0 };
    const svc = simulatedService(MANIFEST_BEHAVIOR, clock);
    const hpa = new HpaController(svc.target, { now: () => clock.t });
    svc.setDemand(160); // 53% against 50%: inside the 10% tolerance
    assert.deepEqual(run(hpa, clock, 300), []);
  });
});

describe('threshold policy over time', () => {
  it('adds one replica after 3 minutes above 70%, removes one after 1 minute below 35%', () => {
    const clock = { t: 0 };
    const svc = simulatedService(MANIFEST_BEHAVIOR, clock);
    const policy = new ThresholdController(
      svc.target,
      { threshold: 70, upHoldMs: 180_000, downHoldMs: 60_000 },
      { now: () => clock.t },
    );
    svc.setDemand(600);
    const up = run(policy, clock, 600);
    assert.equal(up[0]?.to, 4);
    assert.ok((up[0]?.t ?? 0) >= 180_000);
    assert.ok(
      up.every((e) => e.to - e.from === 1),
      'one replica at a time',
    );
    svc.setDemand(0);
    const down = run(policy, clock, 600);
    assert.ok(down.every((e) => e.from - e.to === 1));
    assert.equal(svc.replicas(), 3);
  });

  it('the seed project’s rule: out after 30 s above 70 %, in after 15 s below 35 %, within 1 to 3 replicas', () => {
    const clock = { t: 0 };
    const svc = simulatedService({ ...MANIFEST_BEHAVIOR, minReplicas: 1 }, clock);
    const policy = new ThresholdController(svc.target, SEED_THRESHOLD_RULE, { now: () => clock.t });
    svc.setDemand(1000);
    const up = run(policy, clock, 300, 5);
    assert.deepEqual(
      up.map((e) => [e.t, e.from, e.to]),
      [
        [35_000, 1, 2],
        [65_000, 2, 3],
      ],
      '30 s from the first sync above, one step; 30 s again from that step; never above 3',
    );
    svc.setDemand(0);
    const down = run(policy, clock, 300, 5);
    assert.deepEqual(
      down.map((e) => [e.from, e.to]),
      [
        [3, 2],
        [2, 1],
      ],
    );
    assert.ok((down[0]?.t ?? 0) - 300_000 >= 15_000, 'not before 15 s below');
  });
});
