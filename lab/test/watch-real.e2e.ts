import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  kubectlOk,
  type LocalCluster,
  loadApplied,
  serviceModel,
  startLocalCluster,
  toYaml,
} from '@carebridge/manifests';
import { COMPARE_NAMESPACE, CompareCluster, deployment, hpa } from '../src/compare/hpa-run.js';
import { hpaScenarios } from '../src/compare/scenarios.js';
import { METRICS_HOST, registerMetricsApi, unregisterMetricsApi } from '../src/metrics-api/register.js';
import { type RunningMetricsServer, startMetricsServer } from '../src/metrics-api/server.js';
import { servingCert } from '../src/metrics-api/tls.js';
import { connectKube } from '../src/watch/kube-adapter.js';
import type { Verdict } from '../src/watch/types.js';
import { ClusterWatcher } from '../src/watch/watcher.js';

/**
 * `lab watch` against the real control plane: the real HPA scales a Deployment of kwok pods on the lab's scripted
 * metrics, and the watcher's shadow (the lab's reconcile on the same pods and metrics) never disagrees with it.
 */
const ROOT = resolve(new URL('../../..', import.meta.url).pathname);
const APP = 'shadow-k8s';

describe('lab watch: the shadow HPA beside the real one', { timeout: 300_000 }, () => {
  let cluster: LocalCluster;
  let env: CompareCluster;
  let server: RunningMetricsServer;
  before(async () => {
    process.env.KCM_EXTRA_FLAGS ??= '--horizontal-pod-autoscaler-sync-period=5s';
    cluster = startLocalCluster(ROOT);
    const tls = servingCert(mkdtempSync(join(tmpdir(), 'lab-watch-real-')), [METRICS_HOST]);
    env = new CompareCluster(cluster);
    env.start();
    server = await startMetricsServer({
      tls,
      frontProxyCa: readFileSync(join(dirname(cluster.kubeconfig), 'pki/front-proxy-ca.crt'), 'utf8'),
      allowedNames: ['front-proxy-client'],
      source: env.source,
    });
    await registerMetricsApi(cluster, server.port, tls.ca);
  });
  after(async () => {
    unregisterMetricsApi(cluster);
    await server?.close();
    env?.close();
  });

  it('zero disagreements over a scripted CPU curve (up, hold, down)', async () => {
    const committed = serviceModel(loadApplied(ROOT)).find((s) => s.name === 'board')?.autoscaler;
    assert.ok(committed);
    const scenario = hpaScenarios(committed, true)[0]!;
    kubectlOk(cluster, ['apply', '-f', '-'], toYaml([deployment(APP, scenario.autoscaler.minReplicas)]));
    const t0 = Date.now();
    while (env.readyReplicas(APP) !== scenario.autoscaler.minReplicas) {
      assert.ok(Date.now() - t0 < 60_000, 'the pods became ready');
      await new Promise((r) => setTimeout(r, 200));
    }
    env.scripts.push({
      app: APP,
      startedAt: Date.now(),
      phases: [
        { from: 0, milli: 60 },
        { from: 10, milli: 1000 },
        { from: 40, milli: 60 },
      ],
      missingForSeconds: 0,
    });
    kubectlOk(cluster, ['apply', '-f', '-'], toYaml([hpa(APP, scenario)]));
    const watcher = new ClusterWatcher({
      source: await connectKube({ kubeconfig: cluster.kubeconfig }),
      namespace: COMPARE_NAMESPACE,
      intervalSeconds: 5,
    });
    const verdicts: { verdict: Verdict; cluster: number | null; shadow: number | null; notes: string[] }[] = [];
    const started = Date.now();
    while (Date.now() - started < 120_000) {
      const state = await watcher.poll();
      const service = state.services.find((s) => s.name === APP);
      if (service) {
        const c = service.comparison;
        verdicts.push({ verdict: c.verdict, cluster: c.clusterDesired, shadow: c.shadowDesired, notes: c.notes });
      }
      await new Promise((r) => setTimeout(r, 5000));
    }
    const disagreements = verdicts.filter((v) => v.verdict === 'disagree');
    assert.deepEqual(disagreements, [], JSON.stringify(verdicts));
    assert.ok(verdicts.filter((v) => v.verdict === 'agree').length >= 10, JSON.stringify(verdicts));
    assert.ok(
      verdicts.some((v) => v.cluster === scenario.autoscaler.maxReplicas),
      'the real HPA scaled out',
    );
    assert.ok(
      verdicts.some((v) => (v.cluster ?? 0) < scenario.autoscaler.maxReplicas && verdicts.indexOf(v) > 5),
      'and back in',
    );
  });
});
