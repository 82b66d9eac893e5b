import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type TestClient, until } from '@carebridge/platform/testing';
import type { Cluster, RunningService } from '../src/cluster.js';
import { startBoardLab, testManifests } from './support.js';

const LIST = '/api/board/posts?limit=1';

/** Sends `total` GETs, `concurrency` at a time; tallies which replica answered and what failed. */
async function load(api: TestClient, total: number, concurrency: number, path = LIST) {
  const byReplica = new Map<string, number>();
  const failures: string[] = [];
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent++;
        try {
          const res = await api.get(path);
          if (res.status !== 200) failures.push(`${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
          const replica = res.headers.get('x-lab-replica') ?? 'none';
          byReplica.set(replica, (byReplica.get(replica) ?? 0) + 1);
        } catch (error) {
          failures.push(String(error));
        }
      }
    }),
  );
  return { byReplica, failures };
}

describe('lab: balancing, probes and self-healing with real processes', () => {
  const manifests = testManifests();
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-lab-'));
  let cluster: Cluster;
  let board: RunningService;
  let api: TestClient;
  const events: string[] = [];

  const fault = (id: string, mode: string, ms = 0) =>
    api.post(`/lab/api/services/board/replicas/${id}/fault`, { mode, ms }, lab());
  const policy = (name: string) => api.post('/lab/api/services/board/policy', { policy: name }, lab());
  /** The control API's writes carry the token the lab made at start. */
  const lab = () => ({ token: cluster.controlToken });
  const ids = () =>
    board.replicas
      .ready()
      .map((r) => r.id)
      .sort();

  before(async () => {
    ({ cluster, board, api } = await startBoardLab(manifests.root, dataDir, {
      backoff: { baseMs: 200, capMs: 2_000 },
      log: (line) => events.push(line),
    }));
  });
  after(async () => {
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    manifests.remove();
  });

  it('starts the HPA minimum of 3 replicas, with the manifest’s policy', async () => {
    const state = (await api.get('/lab/api/state')).body.services[0];
    assert.deepEqual([state.name, state.ready, state.policy], ['board', 3, 'LEAST_REQUEST']);
  });

  it('round robin spreads requests within ±1', async () => {
    assert.equal((await policy('ROUND_ROBIN')).status, 200);
    const { byReplica, failures } = await load(api, 31, 1);
    assert.deepEqual(failures, []);
    const counts = ids().map((id) => byReplica.get(id) ?? 0);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `counts ${counts}`);
  });

  it('sends nothing to a replica that is not ready', async () => {
    const [unready] = ids() as [string];
    await fault(unready, 'unready');
    await until(() => !board.replicas.find(unready)?.ready, 5_000, 'readiness to fail');
    const { byReplica, failures } = await load(api, 30, 3);
    assert.deepEqual(failures, []);
    assert.equal(byReplica.get(unready), undefined);
    await fault(unready, 'none');
    await until(() => board.replicas.find(unready)?.ready === true, 5_000, 'readiness to return');
  });

  it('least request sends fewer requests to a replica with slow responses', async () => {
    await policy('LEAST_REQUEST');
    const [slow, ...fast] = ids() as [string, ...string[]];
    await fault(slow, 'slow', 150);
    const { byReplica, failures } = await load(api, 90, 6);
    await fault(slow, 'none');
    assert.deepEqual(failures, []);
    const slowCount = byReplica.get(slow) ?? 0;
    for (const id of fast)
      assert.ok(slowCount < (byReplica.get(id) ?? 0), `slow ${slowCount} < fast ${byReplica.get(id)}`);
  });

  it('latency-aware gives a 5× slower replica clearly less traffic, but not none', async () => {
    await policy('LATENCY_AWARE');
    const [slow, ...fast] = ids() as [string, ...string[]];
    await fault(slow, 'slow', 100);
    for (const id of fast) await fault(id, 'slow', 20);
    await load(api, 30, 1); // the moving averages settle
    const { byReplica, failures } = await load(api, 120, 1);
    for (const id of [slow, ...fast]) await fault(id, 'none');
    assert.deepEqual(failures, []);
    const slowCount = byReplica.get(slow) ?? 0;
    const fastCount = fast.reduce((n, id) => n + (byReplica.get(id) ?? 0), 0);
    assert.ok(slowCount > 0, 'the slow replica still gets some');
    assert.ok(slowCount < fastCount / 4, `slow ${slowCount} vs fast ${fastCount}`);
  });

  it('ejects a replica answering 5xx, and takes it back after the ejection time', async () => {
    await policy('ROUND_ROBIN');
    const [bad] = ids() as [string];
    await fault(bad, 'error');
    const first = await load(api, 15, 1);
    const state = () => board.backend.stats(bad);
    assert.equal(state().ejected, true, 'ejected after 3 consecutive 5xx');
    assert.equal(first.failures.length, 3, 'clients saw exactly the 3 failures that tripped detection');
    const during = await load(api, 12, 1);
    assert.equal(during.byReplica.get(bad), undefined, 'no traffic while ejected');
    assert.deepEqual(during.failures, []);
    await fault(bad, 'none');
    await until(() => !state().ejected, 5_000, 'the ejection to end');
    const back = await load(api, 12, 1);
    assert.ok((back.byReplica.get(bad) ?? 0) > 0, 'back in the pool');
  });

  it('restarts a replica whose liveness endpoint hangs, after failureThreshold × period', async () => {
    const [stuck] = ids() as [string];
    const replica = board.replicas.find(stuck);
    const before = { pid: replica?.pid, restarts: replica?.restarts ?? 0 };
    await fault(stuck, 'hang');
    // The verdict comes after failureThreshold × period (plus the probe timeout); the restart then
    // waits for the hung process to exit (SIGTERM, then SIGKILL after the grace period).
    const verdict = await until(() => replica?.live === false, 10_000, 'the liveness verdict');
    assert.ok(
      verdict >= 1_500 && verdict < 4_500,
      `liveness failed after ${verdict} ms (2 failures × 1 s period, 1 s timeout)`,
    );
    await until(() => (replica?.restarts ?? 0) > before.restarts, 15_000, 'the restart');
    await until(() => replica?.ready === true, 20_000, 'the restarted replica to be ready');
    assert.notEqual(replica?.pid, before.pid);
  });

  it('replaces a replica killed under steady load; clients see no failure', async () => {
    const [victim] = ids() as [string];
    const replica = board.replicas.find(victim);
    const loadRun = load(api, 400, 4);
    await sleep(300);
    assert.equal((await api.post(`/lab/api/services/board/replicas/${victim}/kill`, undefined, lab())).status, 202);
    const { failures } = await loadRun;
    assert.deepEqual(failures, [], 'connection failures were retried on other replicas');
    await until(() => replica?.ready === true && replica.restarts > 0, 20_000, 'the replacement to be ready');
  });

  it('loses no request when a replica is stopped under load (drain)', async () => {
    const [leaving] = ids() as [string];
    const replica = board.replicas.find(leaving);
    await fault(leaving, 'slow', 600);
    const slowOnes = Array.from({ length: 6 }, () => api.get(LIST));
    await sleep(100);
    const background = load(api, 80, 3);
    await board.replicas.remove(replica as NonNullable<typeof replica>);
    const answers = await Promise.all(slowOnes);
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(6).fill(200),
      'requests in flight on the leaving replica finished',
    );
    assert.deepEqual((await background).failures, []);
    assert.equal(board.replicas.find(leaving), undefined);
    await board.replicas.scaleTo(3);
  });

  it('answers 404 problems for unknown services, replicas and policies', async () => {
    const refusals = [
      await api.post('/lab/api/services/nope/policy', { policy: 'RANDOM' }, lab()),
      await api.post('/lab/api/services/board/replicas/nope/kill', undefined, lab()),
    ];
    for (const res of refusals) assert.equal(res.status, 404);
    const bad = await api.post('/lab/api/services/board/policy', { policy: 'FASTEST' }, lab());
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /ROUND_ROBIN/);
    // One error shape, the services' own: application/problem+json with a key.
    for (const res of [...refusals, bad]) {
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(res.body.status, res.status);
    }
    assert.deepEqual(
      [...refusals, bad].map((res) => res.body.key),
      ['LAB.NO_SUCH_SERVICE', 'LAB.NO_SUCH_REPLICA', 'LAB.BAD_POLICY'],
    );
  });
});

describe('lab: the manifests are the source of truth', () => {
  it('follows minReplicas and probe paths from a changed manifest set', async () => {
    const manifests = testManifests((_file, doc) => {
      if (doc.kind === 'HorizontalPodAutoscaler') doc.spec.minReplicas = 2;
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-lab-'));
    const { cluster } = await startBoardLab(manifests.root, dataDir);
    try {
      assert.equal(cluster.services.get('board')?.replicas.ready().length, 2);
    } finally {
      await cluster.stop();
    }
    const broken = testManifests((_file, doc) => {
      if (doc.kind === 'Deployment') doc.spec.template.spec.containers[0].readinessProbe.httpGet.path = '/not-served';
    });
    await assert.rejects(startBoardLab(broken.root, dataDir, { readyTimeoutMs: 4_000 }), /was not ready within 4s/);
    for (const m of [manifests, broken]) m.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
