/**
 * The real-cluster watcher against recorded API responses: a small fake API server (./fake-kube-api.ts) serves the
 * scenes of fixtures/kube over HTTP, a kubeconfig points `@kubernetes/client-node` at it, and the watcher must report
 * the cluster's replicas and HPA decision next to the shadow decision computed from the same numbers.
 *
 * The responses are written in the API server's own format (as `kubectl get --raw` shows them: lists with
 * metadata, Istio sidecars and init containers, nanocore usage, an evicted pod), not captured from a live cluster.
 * Scenes, in the order a watcher sees them (recordedAt T0 = 2025-06-02T10:00:00Z):
 * - steady (T0): auth and board agree with their HPAs; hospital's load has just doubled and its HPA status still
 *   shows its previous sync (48%, 3 replicas), so the shadow (6) and the cluster (3) differ: the status lags.
 * - scaled (T0+30 s): the hospital HPA has scaled to 6; new pods are Pending or not ready; both say 6.
 * - cooling (T0+120 s): the load is gone; the scale-down stabilization window holds both at 6 (and auth at 4).
 * - no-metrics (T0+150 s): the metrics API answers 503.
 * - forbidden (T0+180 s): listing Deployments answers 403.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connectKube, parseDurationSeconds, quantityToMilli, toPod, toPodMetrics } from '../src/watch/kube-adapter.js';
import { isUnreadyForCpu } from '../src/watch/pod-readiness.js';
import { createWatchServer, parseWatchArgs } from '../src/watch/server.js';
import type { WatchedService, WatchHistory, WatchState } from '../src/watch/types.js';
import { ClusterWatcher } from '../src/watch/watcher.js';
import { FakeKubeApi, readScene } from './fake-kube-api.js';

const ROOT = resolve(new URL('../../..', import.meta.url).pathname);
const CLI = join(ROOT, 'lab/dist/src/cli/main.js');
const T0 = Date.parse('2025-06-02T10:00:00Z');

const service = (state: WatchState, name: string): WatchedService => {
  const found = state.services.find((s) => s.name === name);
  assert.ok(found, `no service ${name} in ${state.services.map((s) => s.name).join(', ')}`);
  return found;
};

/** Status and key of a refusal, after checking it is application/problem+json with a detail. */
async function problemOf(response: Promise<Response>): Promise<[number, string]> {
  const res = await response;
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  const body = (await res.json()) as { status: number; key: string; detail: string };
  assert.equal(body.status, res.status);
  assert.ok(body.detail.length > 0);
  return [res.status, body.key];
}

describe('Kubernetes quantities and durations, as the HPA reads them', () => {
  it('rounds each quantity up to a whole millicore (Quantity.MilliValue)', () => {
    const cases: [string, number][] = [
      ['250m', 250],
      ['0.5', 500],
      ['1', 1000],
      ['2', 2000],
      ['1.5', 1500],
      ['12345678n', 13],
      ['189100000n', 190],
      ['100u', 1],
      ['0', 0],
      ['1e3', 1_000_000],
      ['1E-3', 1],
      ['1k', 1_000_000],
      ['2Ki', 2_048_000],
    ];
    for (const [text, milli] of cases) assert.equal(quantityToMilli(text), milli, text);
    assert.throws(() => quantityToMilli('12 cores'), RangeError);
  });

  it('sums the requests calculatePodRequests sums, and the usage the metrics client sums', () => {
    const container = (name: string, cpu?: string, restartPolicy?: string) => ({
      name,
      ...(restartPolicy ? { restartPolicy } : {}),
      resources: cpu ? { requests: { cpu } } : {},
    });
    const pod = (spec: object) => toPod({ metadata: { name: 'p' }, spec, status: { phase: 'Running' } });
    // Containers and restartable (native sidecar) init containers count; ordinary init containers do not.
    const sidecars = pod({
      initContainers: [container('init', '500m'), container('proxy', '100m', 'Always')],
      containers: [container('app', '0.25')],
    });
    assert.equal(sidecars.cpuRequestMilli, 350);
    // Pod-level requests win when set (KEP-2837).
    assert.equal(
      pod({ resources: { requests: { cpu: '1' } }, containers: [container('app', '250m')] }).cpuRequestMilli,
      1000,
    );
    const missing = pod({ containers: [container('app', '250m'), container('helper')] });
    assert.equal(missing.cpuRequestMilli, null);
    assert.deepEqual(missing.containersWithoutCpuRequest, ['helper']);
    const usage = (containers: object[]) =>
      toPodMetrics({ metadata: { name: 'p' }, timestamp: '2025-06-02T10:00:00Z', window: '15s', containers });
    assert.equal(
      usage([
        { name: 'a', usage: { cpu: '1500001n' } },
        { name: 'b', usage: { cpu: '1500001n' } },
      ]).cpuUsageMilli,
      4,
    );
    assert.equal(
      usage([
        { name: 'a', usage: { cpu: '10m' } },
        { name: 'b', usage: { memory: '1Mi' } },
      ]).cpuUsageMilli,
      null,
    );
    assert.equal(usage([]).cpuUsageMilli, null);
  });

  it('reads metrics-server windows', () => {
    assert.equal(parseDurationSeconds('15.012s'), 15.012);
    assert.equal(parseDurationSeconds('1m0.5s'), 60.5);
    assert.equal(parseDurationSeconds('30s'), 30);
    assert.equal(parseDurationSeconds('soon'), null);
  });
});

describe('readiness for CPU, with the real timestamps (groupPods)', () => {
  const settings = { cpuInitializationPeriodSeconds: 300, initialReadinessDelaySeconds: 30 };
  const now = T0;
  const pod = (startedAgo: number, ready: string, transitionAgo: number | null) => ({
    name: 'p',
    labels: {},
    phase: 'Running',
    deleting: false,
    startTime: now - startedAgo * 1000,
    readyCondition: { status: ready, lastTransitionTime: transitionAgo === null ? null : now - transitionAgo * 1000 },
    cpuRequestMilli: 100,
    containersWithoutCpuRequest: [],
  });
  const sample = (ago: number) => ({ name: 'p', timestamp: now - ago * 1000, windowSeconds: 15, cpuUsageMilli: 50 });

  it('a young pod counts once a full metric window follows its readiness', () => {
    assert.equal(isUnreadyForCpu(pod(60, 'True', 20), sample(10), now, settings), true, 'window not yet full');
    assert.equal(isUnreadyForCpu(pod(60, 'True', 40), sample(10), now, settings), false);
    assert.equal(isUnreadyForCpu(pod(60, 'False', 40), sample(10), now, settings), true);
  });

  it('an old pod that turned NotReady still counts; one that never became ready does not', () => {
    assert.equal(isUnreadyForCpu(pod(3600, 'False', 60), sample(5), now, settings), false);
    assert.equal(isUnreadyForCpu(pod(3600, 'False', 3590), sample(5), now, settings), true);
    assert.equal(isUnreadyForCpu(pod(3600, 'Unknown', 3590), sample(5), now, settings), false);
    const noCondition = { ...pod(3600, 'True', 10), readyCondition: null };
    assert.equal(isUnreadyForCpu(noCondition, sample(5), now, settings), true);
  });
});

describe('watch: a cluster served by the fake API server', () => {
  let api: FakeKubeApi;
  let dir: string;
  let kubeconfig: string;
  let watcher: ClusterWatcher;
  let now = T0;
  const states: Record<string, WatchState> = {};

  const poll = async (scene: string): Promise<WatchState> => {
    api.scene = scene;
    now = Date.parse(readScene(scene).recordedAt);
    const state = await watcher.poll();
    states[scene] = structuredClone(state);
    return state;
  };

  before(async () => {
    api = await FakeKubeApi.start('steady');
    dir = mkdtempSync(join(tmpdir(), 'carebridge-watch-'));
    kubeconfig = api.writeKubeconfig(dir);
    const source = await connectKube({ kubeconfig });
    watcher = new ClusterWatcher({ source, namespace: 'carebridge', now: () => now });
  });

  after(async () => {
    await watcher.stop();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads Deployments, HPAs, pods and pod metrics of the namespace with the kubeconfig token', async () => {
    const state = await poll('steady');
    assert.equal(state.lastPoll?.ok, true, state.lastPoll?.error ?? '');
    assert.equal(state.server, api.url);
    assert.deepEqual(api.requests.map((r) => r.path).sort(), [
      '/api/v1/namespaces/carebridge/pods',
      '/apis/apps/v1/namespaces/carebridge/deployments',
      '/apis/autoscaling/v2/namespaces/carebridge/horizontalpodautoscalers',
      '/apis/metrics.k8s.io/v1beta1/namespaces/carebridge/pods',
    ]);
    assert.ok(
      api.requests.every((r) => r.method === 'GET' && r.authorization === 'Bearer fake-token-for-the-lab-watcher'),
    );
    assert.deepEqual(
      state.services.map((s) => s.name),
      ['auth', 'board', 'hospital', 'lab'],
    );
  });

  it('agrees with the cluster HPA when both saw the same numbers (board, auth)', () => {
    const board = service(states.steady!, 'board');
    assert.deepEqual(
      { ...board.sample },
      {
        t: T0,
        service: 'board',
        replicas: 3,
        ready: 3,
        desired: 3,
        cpuUtilization: 52,
        targetUtilization: 50,
        rps: 0,
        latency: null,
        errors: 0,
      },
    );
    // 51234567n + 54900000n + 49000001n → 52 + 55 + 50 millicores (each rounded up) of 3 × 100m: 52%, within 10%.
    assert.equal(board.shadow?.calculation?.utilization, 52);
    assert.equal(board.shadow?.calculation?.decision, 'within-tolerance');
    assert.deepEqual(board.shadow?.calculation?.ignoredPods, ['board-5d8f7c9b6d-evk4d'], 'the evicted pod');
    assert.equal(board.hpa?.status.desiredReplicas, 3);
    assert.equal(board.hpa?.status.currentCpuUtilization, 52);
    assert.deepEqual(board.comparison, { verdict: 'agree', clusterDesired: 3, shadowDesired: 3, notes: [] });

    // auth: one pod has no sample yet; on a scale-down it counts as 100% of its request: 320/800 → ratio 0.8 → 4.
    const auth = service(states.steady!, 'auth');
    assert.equal(auth.shadow?.calculation?.utilization, 20);
    assert.deepEqual(auth.shadow?.calculation?.missingPods, ['auth-7c9d8f6b54-v6h2n']);
    assert.equal(auth.shadow?.calculation?.adjustedUsageRatio, 0.8);
    assert.equal(auth.comparison.verdict, 'agree');
    assert.equal(auth.comparison.shadowDesired, 4);
    assert.equal(auth.pods.find((p) => p.name.endsWith('v6h2n'))?.hpaGroup, 'missing');
  });

  it('shows when the recorded HPA status lags the metrics (hospital)', () => {
    const hospital = service(states.steady!, 'hospital');
    // The cluster's own numbers.
    assert.equal(hospital.deployment.specReplicas, 3);
    assert.equal(hospital.sample.replicas, 3);
    assert.equal(hospital.hpa?.status.desiredReplicas, 3);
    assert.equal(hospital.hpa?.status.currentCpuUtilization, 48);
    // The shadow from the same pods: containers hospital + istio-proxy request 200m (the istio-init init container
    // does not count); usage 190+10, 195+5, 181+19 millicores: 600/600 = 100% → ratio 2 → ceil(2 × 3) = 6, within
    // the scale-up policies (max of +2 pods and +100% per 15 s from 3).
    const shadow = hospital.shadow!;
    assert.equal(hospital.pods[0]?.cpuRequestMilli, 200);
    assert.deepEqual(
      hospital.pods.map((p) => p.cpuUsageMilli),
      [200, 200, 200],
    );
    assert.equal(shadow.calculation?.utilization, 100);
    assert.equal(shadow.calculation?.recommendation, 6);
    assert.equal(shadow.normalization?.replicas, 6);
    assert.equal(shadow.desiredReplicas, 6);
    assert.equal(shadow.rescale, true);
    assert.equal(hospital.sample.cpuUtilization, 100);
    assert.equal(hospital.sample.desired, 3, 'the sample carries the cluster HPA decision');
    assert.equal(hospital.comparison.verdict, 'lagging');
    assert.equal(hospital.comparison.clusterDesired, 3);
    assert.equal(hospital.comparison.shadowDesired, 6);
    assert.match(hospital.comparison.notes.join(' '), /48% CPU, the metrics now give 100%/);
  });

  it('a service without an HPA has samples but no shadow (lab)', () => {
    const lab = service(states.steady!, 'lab');
    assert.equal(lab.hpa, null);
    assert.equal(lab.shadow, null);
    assert.equal(lab.comparison.verdict, 'no-hpa');
    assert.equal(lab.sample.desired, 1);
    assert.equal(lab.sample.cpuUtilization, 6, '2.7m → 3m of 50m');
  });

  it('agrees again once the HPA has scaled, new pods counting as Kubernetes counts them', async () => {
    const state = await poll('scaled');
    const hospital = service(state, 'hospital');
    assert.equal(hospital.deployment.specReplicas, 6);
    assert.equal(hospital.sample.ready, 3);
    const c = hospital.shadow!.calculation!;
    assert.deepEqual(c.unreadyPods, ['hospital-6f4b9d7c85-n5c8r', 'hospital-6f4b9d7c85-s3d7g'], 'Pending');
    assert.deepEqual(c.missingPods, ['hospital-6f4b9d7c85-x4b2y'], 'running, not ready, no sample yet');
    // On a scale-up unready and missing pods count as 0%: 600/1200 = 50% → within tolerance → stay at 6.
    assert.equal(c.decision, 'adjusted-within-tolerance');
    assert.deepEqual(hospital.comparison, { verdict: 'agree', clusterDesired: 6, shadowDesired: 6, notes: [] });

    const events = watcher.history().events;
    assert.equal(events.length, 1);
    assert.deepEqual(
      { ...events[0], details: undefined },
      {
        t: T0 + 30_000,
        service: 'hospital',
        source: 'hpa',
        from: 3,
        to: 6,
        reason: 'New size: 6; reason: cpu resource utilization (percentage of request) above target',
        details: undefined,
      },
    );
    assert.equal(events[0]?.details.lastScaleTime, T0 + 12_000);
  });

  it('holds the replicas through the scale-down stabilization window, like the cluster (cooling)', async () => {
    const state = await poll('cooling');
    const hospital = service(state, 'hospital');
    assert.equal(hospital.shadow?.calculation?.utilization, 10);
    assert.equal(hospital.shadow?.calculation?.recommendation, 2, 'ceil(0.2 × 6)');
    assert.equal(hospital.shadow?.normalization?.stabilization, 'ScaleDownStabilized');
    assert.equal(hospital.shadow?.desiredReplicas, 6);
    assert.equal(hospital.comparison.verdict, 'agree');

    // auth without behavior: the controller's 300 s downscale window holds 4 (recommendation 2).
    const auth = service(state, 'auth');
    assert.equal(auth.shadow?.calculation?.recommendation, 2);
    assert.equal(auth.shadow?.desiredReplicas, 4);
    assert.equal(auth.comparison.verdict, 'agree');
    // A pod that was ready and turned NotReady after the initialization period still counts for the HPA.
    const notReady = auth.pods.find((p) => p.name === 'auth-7c9d8f6b54-m4r7t');
    assert.equal(notReady?.ready, false);
    assert.equal(notReady?.hpaGroup, 'ready');
    assert.equal(auth.shadow?.calculation?.readyPodCount, 4);
    assert.equal(auth.sample.ready, 3);
  });

  it('reports the shadow as unable when the metrics API is down, and keeps the cluster numbers', async () => {
    const state = await poll('no-metrics');
    assert.equal(state.lastPoll?.ok, true);
    assert.match(state.lastPoll?.metricsError ?? '', /HTTP 503 the server is currently unable/);
    const hospital = service(state, 'hospital');
    assert.equal(hospital.sample.replicas, 6);
    assert.equal(hospital.sample.cpuUtilization, null);
    assert.equal(hospital.shadow?.ok, false);
    assert.match(hospital.shadow?.error ?? '', /^unable to get metrics for resource cpu/);
    assert.equal(hospital.comparison.verdict, 'unable');
    assert.equal(hospital.comparison.clusterDesired, 6);
  });

  it('reports a failed poll (RBAC) and keeps the last view', async () => {
    const samplesBefore = watcher.history().samples.length;
    const state = await poll('forbidden');
    assert.equal(state.lastPoll?.ok, false);
    assert.match(state.lastPoll?.error ?? '', /list deployments: HTTP 403 deployments\.apps is forbidden/);
    assert.equal(state.services.length, 4, 'the previous view stays');
    assert.equal(watcher.history().samples.length, samplesBefore, 'no sample from a failed poll');
  });

  it('keeps the history: samples, observed scaling, shadow decisions; ?since= is exclusive', () => {
    const all = watcher.history();
    assert.equal(all.samples.length, 4 * 4);
    assert.equal(all.shadow.length, 3 * 4);
    const later = watcher.history(T0 + 30_000);
    assert.deepEqual([...new Set(later.samples.map((s) => s.t))], [T0 + 120_000, T0 + 150_000]);
    assert.equal(later.events.length, 0);
    assert.deepEqual(
      all.shadow.filter((p) => p.service === 'hospital').map((p) => [p.clusterDesired, p.shadowDesired, p.verdict]),
      [
        [3, 6, 'lagging'],
        [6, 6, 'agree'],
        [6, 6, 'agree'],
        [6, null, 'unable'],
      ],
    );
  });

  it('serves the state, the history, health, the dashboard and a plain table over HTTP', async () => {
    const server: Server = createWatchServer(watcher);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const state = (await (await fetch(`${base}/lab/api/state`)).json()) as WatchState;
      assert.equal(state.mode, 'kubernetes');
      assert.equal(state.namespace, 'carebridge');
      assert.equal(service(state, 'hospital').comparison.clusterDesired, 6);
      const history = (await (await fetch(`${base}/lab/api/history?since=${T0 + 120_000}`)).json()) as WatchHistory;
      assert.deepEqual([...new Set(history.samples.map((s) => s.t))], [T0 + 150_000]);
      assert.deepEqual(await problemOf(fetch(`${base}/lab/api/history?since=soon`)), [400, 'WATCH.BAD_SINCE']);
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
      assert.equal((await fetch(`${base}/readyz`)).status, 200);
      // The lab dashboard draws this state; the plain table is the fallback.
      const dashboard = await fetch(`${base}/lab`);
      assert.equal(dashboard.status, 200);
      assert.match(dashboard.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await dashboard.text(), /\/lab\/assets\/browser\/app\.js/);
      assert.equal((await fetch(`${base}/lab/assets/browser/app.js`)).status, 200);
      const root = await fetch(`${base}/`, { redirect: 'manual' });
      assert.equal(root.status, 302);
      assert.equal(root.headers.get('location'), '/lab');
      const table = await fetch(`${base}/lab/watch`);
      assert.equal(table.status, 200);
      assert.match(await table.text(), /Shadow desired/);
      assert.equal((await fetch(`${base}/lab/watch.js`)).status, 200);
      // Refusals are problem documents, as the services and the lab API send them.
      assert.deepEqual(await problemOf(fetch(`${base}/lab/api/state`, { method: 'POST' })), [405, 'WATCH.READ_ONLY']);
      assert.deepEqual(await problemOf(fetch(`${base}/lab/api/services`)), [404, 'WATCH.NOT_FOUND']);
    } finally {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  });
});

describe('npm run lab -- watch', () => {
  let api: FakeKubeApi;
  let dir: string;
  let kubeconfig: string;
  const children: ChildProcess[] = [];

  before(async () => {
    api = await FakeKubeApi.start('steady');
    dir = mkdtempSync(join(tmpdir(), 'carebridge-watch-cli-'));
    kubeconfig = api.writeKubeconfig(dir);
  });

  after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, [CLI, 'watch', ...args], { cwd: ROOT }, (err, stdout, stderr) => {
        done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      });
    });

  it('parses its options', () => {
    const args = parseWatchArgs(['--kubeconfig', 'k.yaml', '--namespace=prod', '--port', '0', '--interval', '5'], '/x');
    assert.deepEqual(
      { ...args, host: undefined },
      {
        kubeconfig: '/x/k.yaml',
        context: undefined,
        namespace: 'prod',
        port: 0,
        host: undefined,
        intervalSeconds: 5,
        once: false,
        controller: {},
      },
    );
    assert.deepEqual(
      parseWatchArgs(
        [
          '--horizontal-pod-autoscaler-tolerance=0.05',
          '--horizontal-pod-autoscaler-downscale-stabilization',
          '5m0s',
          '--horizontal-pod-autoscaler-initial-readiness-delay',
          '30',
        ],
        '/x',
      ).controller,
      { tolerance: 0.05, downscaleStabilizationWindowSeconds: 300, initialReadinessDelaySeconds: 30 },
    );
    assert.equal(parseWatchArgs([], '/x').namespace, 'carebridge');
    assert.equal(parseWatchArgs([], '/x').port, 9090);
    assert.equal(parseWatchArgs([], '/x').intervalSeconds, 15);
    assert.throws(() => parseWatchArgs(['--interval', '0']), /positive/);
    assert.throws(() => parseWatchArgs(['--bogus']), /unknown argument/);
  });

  it('--once prints the state of the cluster as JSON', async () => {
    const { code, stdout, stderr } = await run('--kubeconfig', kubeconfig, '--namespace', 'carebridge', '--once');
    assert.equal(code, 0, stderr);
    const state = JSON.parse(stdout) as WatchState;
    const hospital = service(state, 'hospital');
    assert.equal(hospital.hpa?.status.desiredReplicas, 3);
    assert.equal(hospital.comparison.shadowDesired, 6);
    assert.equal(service(state, 'board').comparison.verdict, 'agree');
  });

  it('fails with the API server answer when the credentials are refused', async () => {
    const bad = mkdtempSync(join(dir, 'bad-'));
    const { code, stdout } = await run('--kubeconfig', api.writeKubeconfig(bad, 'wrong-token'), '--once');
    assert.equal(code, 1);
    assert.match((JSON.parse(stdout) as WatchState).lastPoll?.error ?? '', /HTTP 401/);
  });

  it('polls and serves until SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'watch', '--kubeconfig', kubeconfig, '--port', '0', '--interval', '0.2'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let out = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL in: ${out}`)), 20_000);
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        const m = /serving (http:\/\/\S+)\/lab /.exec(out);
        if (m) {
          clearTimeout(timer);
          ok(m[1]!);
        }
      });
    });
    let state: WatchState | undefined;
    for (let i = 0; i < 100; i++) {
      state = (await (await fetch(`${url}/lab/api/state`)).json()) as WatchState;
      if (state.polls >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(state && state.polls >= 2, 'polls every 0.2 s');
    assert.equal(service(state, 'hospital').comparison.verdict, 'lagging');
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(out, /hospital: 3\/3 ready, cpu 100%\/50%, HPA 3, shadow 6 \(lagging\)/);
  });
});
