import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { type LocalCluster, startLocalCluster } from '@carebridge/manifests';
import { METRICS_HOST, registerMetricsApi, unregisterMetricsApi } from '../src/metrics-api/register.js';
import { type RunningMetricsServer, startMetricsServer } from '../src/metrics-api/server.js';
import { type ServingCert, servingCert } from '../src/metrics-api/tls.js';

/**
 * The lab beside the real controllers: its metrics.k8s.io adapter behind the real kube-apiserver aggregator, and
 * `lab compare hpa --quick` on the real kube-controller-manager, every scenario's decisions equal on both sides.
 */
const ROOT = resolve(new URL('../../..', import.meta.url).pathname);
const CLI = join(ROOT, 'lab/dist/src/cli/main.js');

/** kubectl without blocking this process, which serves the metrics the API server proxies to. */
async function getRaw(cluster: LocalCluster, path: string): Promise<{ kind: string; items: unknown[] }> {
  const { stdout } = await promisify(execFile)(join(cluster.bin, 'kubectl'), ['get', '--raw', path], {
    env: { ...process.env, KUBECONFIG: cluster.kubeconfig },
  });
  return JSON.parse(stdout);
}

describe('metrics.k8s.io served by the lab, behind the real aggregator', { timeout: 300_000 }, () => {
  let cluster: LocalCluster;
  let server: RunningMetricsServer;
  let tls: ServingCert;
  before(async () => {
    process.env.KCM_EXTRA_FLAGS ??= '--horizontal-pod-autoscaler-sync-period=5s';
    cluster = startLocalCluster(ROOT);
    tls = servingCert(mkdtempSync(join(tmpdir(), 'lab-metrics-test-')), [METRICS_HOST]);
    server = await startMetricsServer({
      tls,
      frontProxyCa: readFileSync(join(dirname(cluster.kubeconfig), 'pki/front-proxy-ca.crt'), 'utf8'),
      allowedNames: ['front-proxy-client'],
      source: {
        windowSeconds: 1,
        pods: (ns) =>
          ns === null || ns === 'metrics-test'
            ? [{ name: 'p1', namespace: 'metrics-test', labels: { app: 'a' }, containers: ['app'] }]
            : [],
        usage: () => ({ cpuMilli: 250, memoryBytes: 1024 }),
      },
    });
    await registerMetricsApi(cluster, server.port, tls.ca);
  });
  after(async () => {
    unregisterMetricsApi(cluster);
    await server?.close();
  });

  it('answers PodMetrics lists through kube-apiserver, with label selectors', async () => {
    const list = await getRaw(
      cluster,
      '/apis/metrics.k8s.io/v1beta1/namespaces/metrics-test/pods?labelSelector=app%3Da',
    );
    assert.equal(list.kind, 'PodMetricsList');
    assert.deepEqual(
      (list.items as { metadata: { name: string }; containers: { usage: { cpu: string } }[] }[]).map((p) => [
        p.metadata.name,
        p.containers[0]?.usage.cpu,
      ]),
      [['p1', '250m']],
    );
    const none = await getRaw(
      cluster,
      '/apis/metrics.k8s.io/v1beta1/namespaces/metrics-test/pods?labelSelector=app%3Db',
    );
    assert.deepEqual(none.items, []);
  });

  it('refuses a caller without the front proxy client certificate (401 Status)', async () => {
    const status = await new Promise<number>((done, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/apis/metrics.k8s.io/v1beta1/pods',
          ca: tls.ca,
          servername: METRICS_HOST,
        },
        (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        },
      );
      req.on('error', fail);
      req.end();
    });
    assert.equal(status, 401);
  });
});

describe('npm run lab -- compare hpa --quick', { timeout: 900_000 }, () => {
  it('every scenario: the same rescales, within one sync period, on the lab and on kube-controller-manager', () => {
    const out = mkdtempSync(join(tmpdir(), 'lab-compare-'));
    const run = spawnSync(
      process.execPath,
      [CLI, 'compare', 'hpa', '--quick', '--out', out, '--metrics-port', process.env.LAB_METRICS_PORT ?? '0'],
      {
        encoding: 'utf8',
        env: process.env,
        timeout: 840_000,
      },
    );
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    assert.equal(last, join(out, 'report.json'), run.stderr);
    const report = JSON.parse(readFileSync(last, 'utf8')) as {
      scenarios: {
        name: string;
        compared: number;
        differences: number;
        run: { missingMetricsSyncs: { missingPods: number; usageRatio: number }[] };
      }[];
    };
    assert.deepEqual(
      report.scenarios.map((s) => s.name),
      ['cpu-step', 'short-spike', 'missing-metrics'],
    );
    const missing = report.scenarios.find((s) => s.name === 'missing-metrics')?.run.missingMetricsSyncs ?? [];
    assert.ok(
      missing.length > 0 && missing.every((m) => m.missingPods > 0 && m.usageRatio > 1),
      `the missing-metrics scenario scales up with pods lacking metrics: ${JSON.stringify(missing)}`,
    );
    for (const s of report.scenarios) {
      assert.ok(s.compared >= 2, `${s.name}: ${s.compared} decisions (a scale-up at least, and back)`);
      assert.equal(s.differences, 0, `${s.name}: ${run.stderr}`);
    }
    assert.equal(run.status, 0);
  });
});

describe('npm run lab -- compare rollout --quick', { timeout: 600_000 }, () => {
  it('every scenario: the same ReplicaSet sizes in the same order, and the progress deadline at the same moment', () => {
    const out = mkdtempSync(join(tmpdir(), 'lab-compare-rollout-'));
    const run = spawnSync(
      process.execPath,
      [CLI, 'compare', 'rollout', '--quick', '--out', out, '--metrics-port', process.env.LAB_METRICS_PORT ?? '0'],
      { encoding: 'utf8', env: process.env, timeout: 540_000 },
    );
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    assert.equal(last, join(out, 'report.json'), run.stderr);
    const report = JSON.parse(readFileSync(last, 'utf8')) as {
      scenarios: { name: string; compared: number; differences: number; deadline: { equal: boolean } | null }[];
    };
    assert.deepEqual(
      report.scenarios.map((s) => s.name),
      ['surge-1-unavailable-0', 'surge-25-unavailable-25', 'never-ready'],
    );
    for (const s of report.scenarios) {
      assert.ok(s.compared >= 3, `${s.name}: ${s.compared} steps`);
      assert.equal(s.differences, 0, `${s.name}: ${run.stderr}`);
    }
    assert.equal(report.scenarios[2]?.deadline?.equal, true, 'ProgressDeadlineExceeded on both sides');
    assert.equal(run.status, 0);
  });
});
