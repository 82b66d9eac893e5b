import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeDeployment, KubeHpa } from './kube-adapter.js';
import { hpaTargets, scalingEvent, shadowPoint } from './observations.js';
import type { WatchedHpa, WatchedService } from './types.js';

const deployment = (name: string): KubeDeployment => ({
  name,
  labels: {},
  generation: 1,
  specReplicas: 3,
  selector: { matchLabels: { app: name }, matchExpressions: [] },
  status: { observedGeneration: 1, replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 },
});

const hpa = (name: string, target: Partial<KubeHpa['target']> = {}): KubeHpa => ({
  name,
  generation: 1,
  target: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'board', ...target },
  minReplicas: 3,
  maxReplicas: 10,
  metrics: [],
  behavior: null,
  status: {
    observedGeneration: 1,
    currentReplicas: 3,
    desiredReplicas: 3,
    lastScaleTime: null,
    currentCpuUtilization: null,
    conditions: [],
  },
});

const watchedHpa = (desiredReplicas: number, bounds = { minReplicas: 3, maxReplicas: 10 }): WatchedHpa => ({
  name: 'board',
  ...bounds,
  targetUtilization: 50,
  otherMetrics: [],
  behavior: null,
  status: {
    currentReplicas: 3,
    desiredReplicas,
    currentCpuUtilization: 80,
    lastScaleTime: 1_000,
    observedGeneration: 1,
    conditions: [],
  },
  generation: 1,
});

/** A service as one poll saw it: `replicas` in spec, the HPA (if any) asking for `desired`. */
const seen = (replicas: number, hpaOf: WatchedHpa | null = null): WatchedService =>
  ({
    name: 'board',
    deployment: { specReplicas: replicas },
    hpa: hpaOf,
    shadow: null,
    comparison: {
      verdict: 'agree',
      clusterDesired: hpaOf?.status.desiredReplicas ?? null,
      shadowDesired: 4,
      notes: [],
    },
  }) as unknown as WatchedService;

describe('hpaTargets', () => {
  it('pairs each HPA with the Deployment it scales', () => {
    const targets = hpaTargets([hpa('board-hpa')], [deployment('board'), deployment('auth')], 'carebridge');
    assert.deepEqual([...targets.byDeployment.keys()], ['board']);
    assert.equal(targets.byDeployment.get('board')?.name, 'board-hpa');
    assert.deepEqual(targets.notes, []);
  });

  it('notes and leaves out an HPA aimed at something else, or a missing Deployment', () => {
    const targets = hpaTargets(
      [
        hpa('sts', { kind: 'StatefulSet', name: 'db' }),
        hpa('old-api', { apiVersion: 'extensions/v1beta1' }),
        hpa('gone', { name: 'missing' }),
      ],
      [deployment('board')],
      'carebridge',
    );
    assert.equal(targets.byDeployment.size, 0);
    assert.deepEqual(targets.notes, [
      'HPA sts scales StatefulSet db, which is not a Deployment of namespace carebridge',
      'HPA old-api scales Deployment board, which is not a Deployment of namespace carebridge',
      'HPA gone scales Deployment missing, which is not a Deployment of namespace carebridge',
    ]);
  });

  it('keeps the first of two HPAs on one Deployment and says so', () => {
    const targets = hpaTargets([hpa('a'), hpa('b')], [deployment('board')], 'carebridge');
    assert.equal(targets.byDeployment.get('board')?.name, 'a');
    assert.deepEqual(targets.notes, ['HPAs a and b both scale Deployment board; showing the first']);
  });
});

describe('scalingEvent', () => {
  it('is nothing on the first poll or when spec.replicas did not move', () => {
    assert.equal(scalingEvent(undefined, seen(3), 10), null);
    assert.equal(scalingEvent(seen(3), seen(3), 10), null);
  });

  it("is the HPA's when its status asks for the new count, in the controller's words", () => {
    const up = scalingEvent(seen(3, watchedHpa(3)), seen(5, watchedHpa(5)), 10);
    assert.equal(up?.source, 'hpa');
    assert.equal(up?.reason, 'New size: 5; reason: cpu resource utilization (percentage of request) above target');
    assert.deepEqual([up?.from, up?.to, up?.t, up?.service], [3, 5, 10, 'board']);
    assert.equal(up?.details.clusterUtilization, 80);
    assert.equal(up?.details.lastScaleTime, 1_000);
    const down = scalingEvent(seen(5, watchedHpa(5)), seen(4, watchedHpa(4)), 20);
    assert.equal(down?.reason, 'New size: 4; reason: All metrics below target');
  });

  it('names the bounds when the HPA moved the count back inside them', () => {
    const above = scalingEvent(seen(12), seen(10, watchedHpa(10)), 10);
    assert.equal(above?.reason, 'New size: 10; reason: Current number of replicas above Spec.MaxReplicas');
    const below = scalingEvent(seen(1), seen(3, watchedHpa(3)), 10);
    assert.equal(below?.reason, 'New size: 3; reason: Current number of replicas below Spec.MinReplicas');
  });

  it('is manual when someone else changed spec.replicas', () => {
    const other = scalingEvent(seen(3, watchedHpa(3)), seen(6, watchedHpa(3)), 10);
    assert.equal(other?.source, 'manual');
    assert.equal(other?.reason, 'spec.replicas changed (not by the HPA, whose status asks for another count)');
    const noHpa = scalingEvent(seen(3), seen(2), 10);
    assert.deepEqual(
      [noHpa?.source, noHpa?.reason, noHpa?.details.hpa],
      ['manual', 'spec.replicas changed (no HPA)', null],
    );
  });
});

describe('shadowPoint', () => {
  it("puts the cluster's and the shadow's desired counts side by side", () => {
    assert.deepEqual(shadowPoint(seen(3, watchedHpa(4)), 10), {
      t: 10,
      service: 'board',
      hpa: 'board',
      currentReplicas: 3,
      clusterDesired: 4,
      shadowDesired: 4,
      utilization: null,
      clusterUtilization: 80,
      verdict: 'agree',
    });
  });

  it('is nothing for a service without an HPA', () => {
    assert.equal(shadowPoint(seen(3), 10), null);
  });
});
