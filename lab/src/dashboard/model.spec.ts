import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceSample } from '../telemetry/types.js';
import { HistoryBuffer, viewOf } from './client/model.js';

const sample = (service: string, t: number): ServiceSample => ({
  t,
  service,
  replicas: 3,
  ready: 3,
  desired: 3,
  cpuUtilization: 10,
  targetUtilization: 70,
  rps: 1,
  latency: null,
  errors: 0,
});

describe('dashboard model: viewOf', () => {
  it('reads the lab state: controls, replicas with traffic figures, autoscaler and rollout', () => {
    const view = viewOf({
      gateway: { port: 8080 },
      services: [
        {
          name: 'board',
          policy: 'ROUND_ROBIN',
          desired: 4,
          ready: 3,
          autoscaling: 'threshold',
          cpuUtilization: 55,
          autoscaler: { minReplicas: 3, maxReplicas: 10, targetCpuUtilization: 70 },
          rollout: { from: '1', to: '2', phase: 'progressing', desired: 3, updated: 1, old: 2 },
          replicas: [
            {
              id: 'board-1',
              version: '2',
              phase: 'Running',
              ready: true,
              restarts: 1,
              inFlight: 3,
              latencyMs: 5.5,
              ejected: false,
            },
          ],
        },
      ],
    });
    assert.equal(view.readOnly, false);
    assert.equal(view.source, 'Lab cluster on port 8080');
    const unlimited = viewOf({
      gateway: { port: 8080 },
      isolation: { limited: false, note: 'replicas are NOT held to their limits' },
      notes: ['Warning: replicas are NOT held to their limits.'],
      services: [],
    });
    assert.equal(unlimited.source, 'Lab cluster on port 8080 · replicas are NOT held to their limits');
    assert.deepEqual(
      unlimited.notes,
      ['Warning: replicas are NOT held to their limits.'],
      'said at the top, not silent',
    );
    const [board] = view.services;
    assert.ok(board);
    assert.equal(board.autoscaling, 'threshold');
    assert.equal(board.maxReplicas, 10);
    assert.equal(board.rollingOut, true);
    assert.equal(board.rollout, 'rollout 1 → 2: progressing, 1 of 3 updated, 2 old');
    assert.deepEqual(board.replicas[0], {
      id: 'board-1',
      version: '2',
      phase: 'Running',
      ready: true,
      restarts: 1,
      inFlight: 3,
      latencyMs: 5.5,
      ejected: false,
      cpu: null,
    });
  });

  it('reads `lab watch` on a real cluster read-only: pods, the cluster HPA and the shadow decision', () => {
    const view = viewOf({
      mode: 'kubernetes',
      server: 'https://10.0.0.1:6443',
      namespace: 'carebridge',
      notes: ['HPA x has no Deployment'],
      services: [
        {
          name: 'board',
          version: 'v7',
          sample: sample('board', 1),
          deployment: { specReplicas: 4, readyReplicas: 4 },
          pods: [
            {
              name: 'board-abc',
              phase: 'Running',
              ready: true,
              deleting: false,
              cpuUsageMilli: 120,
              cpuRequestMilli: 250,
            },
          ],
          hpa: {
            name: 'board',
            minReplicas: 3,
            maxReplicas: 10,
            targetUtilization: 70,
            status: { desiredReplicas: 5 },
          },
          shadow: { desiredReplicas: 5, reason: 'cpu above target' },
          comparison: { verdict: 'agree', clusterDesired: 5, shadowDesired: 5, notes: [] },
        },
      ],
    });
    assert.equal(view.readOnly, true);
    assert.match(view.source, /namespace carebridge/);
    assert.deepEqual(view.notes, ['HPA x has no Deployment']);
    const [board] = view.services;
    assert.ok(board);
    assert.equal(board.desired, 5);
    assert.deepEqual(board.shadow, {
      clusterDesired: 5,
      shadowDesired: 5,
      verdict: 'agree',
      reason: 'cpu above target',
    });
    assert.equal(board.replicas[0]?.cpu, '120m / 250m');
    assert.equal(board.replicas[0]?.version, 'v7');
  });

  it('survives missing and odd fields', () => {
    assert.deepEqual(viewOf(null).services, []);
    const view = viewOf({ services: [{ name: 'x', replicas: [{}], autoscaler: null, desired: 'many' }] });
    assert.equal(view.services[0]?.desired, null);
    assert.equal(view.services[0]?.replicas[0]?.phase, '?');
  });
});

describe('dashboard model: HistoryBuffer', () => {
  it('merges answers without duplicates and remembers the newest time for ?since=', () => {
    const buffer = new HistoryBuffer(60_000);
    buffer.add({ samples: [sample('a', 1000), sample('b', 1000), sample('a', 2000)], events: [] });
    buffer.add({
      samples: [sample('a', 2000), sample('a', 3000)],
      events: [{ t: 2500, service: 'a', source: 'hpa', from: 3, to: 4, reason: 'up', details: {} }],
    });
    buffer.add({
      samples: [],
      events: [{ t: 2500, service: 'a', source: 'hpa', from: 3, to: 4, reason: 'up', details: {} }],
    });
    assert.deepEqual(
      buffer.samples.get('a')?.map((s) => s.t),
      [1000, 2000, 3000],
    );
    assert.equal(buffer.events.length, 1);
    assert.equal(buffer.latest, 3000);
  });

  it('keeps only its window', () => {
    const buffer = new HistoryBuffer(10_000);
    buffer.add({ samples: Array.from({ length: 30 }, (_, i) => sample('a', i * 1000)), events: [] });
    assert.deepEqual(buffer.samples.get('a')?.[0]?.t, 19_000);
  });

  it('keeps the shadow decisions of `lab watch`', () => {
    const buffer = new HistoryBuffer(60_000);
    buffer.add({
      samples: [],
      events: [],
      shadow: [{ t: 5, service: 'board', hpa: 'board', clusterDesired: 4, shadowDesired: 5, verdict: 'disagree' }],
    } as never);
    assert.deepEqual(buffer.shadow.get('board'), [{ t: 5, service: 'board', clusterDesired: 4, shadowDesired: 5 }]);
  });
});
