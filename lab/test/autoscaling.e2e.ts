import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type TestClient, until } from '@carebridge/platform/testing';
import type { Cluster, RunningService } from '../src/cluster.js';
import { startBoardLab, testManifests } from './support.js';

/** Closed-loop load: `users` clients sending GETs back to back until stopped. */
function steadyLoad(api: TestClient, users: number, path = '/api/board/posts?limit=20') {
  let running = true;
  const failures: string[] = [];
  let requests = 0;
  const done = Promise.all(
    Array.from({ length: users }, async () => {
      while (running) {
        try {
          const res = await api.get(path);
          requests++;
          if (res.status !== 200) failures.push(String(res.status));
        } catch (error) {
          failures.push(String(error));
        }
      }
    }),
  );
  return {
    stop: async () => {
      running = false;
      await done;
      return { failures, requests };
    },
  };
}

describe('lab: autoscaling and rollouts with real processes (quick timings)', () => {
  // The board with HPA windows and periods shortened from minutes to seconds.
  const manifests = testManifests((_file, doc) => {
    if (doc.kind === 'HorizontalPodAutoscaler') {
      doc.spec.behavior = {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [{ type: 'Pods', value: 2, periodSeconds: 2 }],
        },
        scaleDown: {
          stabilizationWindowSeconds: 6,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 100, periodSeconds: 2 }],
        },
      };
    }
    if (doc.kind === 'Deployment') doc.spec.progressDeadlineSeconds = 12;
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-lab-'));
  let cluster: Cluster;
  let board: RunningService;
  let api: TestClient;
  const log: string[] = [];

  before(async () => {
    ({ cluster, board, api } = await startBoardLab(manifests.root, dataDir, {
      syncPeriodMs: 1_000,
      cpuWindowMs: 3_000,
      log: (line) => log.push(line),
    }));
  });
  after(async () => {
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    manifests.remove();
  });

  it('CPU load raises the replicas above the minimum, and they come back after the load', async () => {
    assert.equal(board.replicas.desired, 3);
    const load = steadyLoad(api, 12);
    const upAfter = await until(() => board.replicas.desired > 3, 30_000, 'a scale-out');
    await until(() => board.replicas.ready().length > 3, 30_000, 'the new replicas to be ready');
    const peak = board.replicas.desired;
    const { failures, requests } = await load.stop();
    assert.deepEqual(failures, [], `no failed request out of ${requests}`);
    const downAfter = await until(() => board.replicas.desired === 3, 40_000, 'a scale-in to the minimum');
    const events = cluster.recorder.history().events.filter((e) => e.source === 'hpa');
    assert.ok(
      events.some((e) => e.to > e.from && Number(e.details.utilization) > 50),
      JSON.stringify(events[0]),
    );
    assert.ok(events.some((e) => e.to < e.from));
    const samples = cluster.recorder.history().samples.filter((s) => s.service === 'board');
    assert.ok(
      samples.some((s) => (s.cpuUtilization ?? 0) > 50),
      'measured CPU crossed the target',
    );
    log.push(`scale-out after ${upAfter} ms to ${peak}, back to 3 after ${downAfter} ms`);
  });

  it('rolls out a new version under load with zero failed requests', async () => {
    const load = steadyLoad(api, 4);
    await sleep(300);
    const result = await cluster.rollout(board, '2');
    const { failures, requests } = await load.stop();
    assert.equal(result.phase, 'complete');
    assert.deepEqual(failures, [], `no failed request out of ${requests}`);
    assert.deepEqual(
      board.replicas.ready().map((r) => r.options.version),
      ['2', '2', '2'],
    );
    assert.equal(result.surge, 1);
    assert.equal(result.maxUnavailable, 0);
  });

  it('rolls back a version that never becomes ready, still serving every request', async () => {
    const load = steadyLoad(api, 2);
    const result = await cluster.rollout(board, '3-broken', true);
    const { failures } = await load.stop();
    assert.equal(result.phase, 'rolled back');
    assert.match(result.message ?? '', /ProgressDeadlineExceeded/);
    assert.deepEqual(failures, []);
    assert.deepEqual(
      board.replicas.ready().map((r) => r.options.version),
      ['2', '2', '2'],
    );
  });

  it('serves its history and Prometheus metrics', async () => {
    const history = (await api.get('/lab/api/history?since=0')).body;
    assert.ok(history.samples.length > 5);
    assert.ok(history.events.some((e: { source: string }) => e.source === 'rollout'));
    const metrics = (await api.get('/lab/metrics')).body as string;
    // The counts move with the load the earlier tests left behind: check them against the range
    // the HPA keeps, not a snapshot.
    for (const name of ['lab_replicas', 'lab_replicas_desired']) {
      const value = Number(new RegExp(`^${name}\\{service="board"\\} (\\d+)$`, 'm').exec(metrics)?.[1]);
      assert.ok(value >= 3 && value <= 10, `${name} ${value}`);
    }
    assert.match(metrics, /# TYPE lab_balancer_decisions_total counter/);
    assert.match(metrics, /lab_cpu_target_percent\{service="board"\} 50/);
  });
});
