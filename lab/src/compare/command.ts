/**
 * `npm run lab -- compare hpa [--quick] [--out DIR] [--metrics-port N]`: starts (or reuses) the local control plane with a short HPA
 * sync period, serves metrics.k8s.io from this process, runs the scenarios through the lab's controller and the
 * real one at once, and writes report.html and report.json. The last line printed is report.json's path.
 */

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadApplied, serviceModel, startLocalCluster } from '@carebridge/manifests';
import { METRICS_HOST, registerMetricsApi, unregisterMetricsApi } from '../metrics-api/register.js';
import { startMetricsServer } from '../metrics-api/server.js';
import { servingCert } from '../metrics-api/tls.js';
import { REPO_ROOT } from '../services.js';
import { compareDecisions } from './decisions.js';
import { CompareCluster, runHpaScenarios } from './hpa-run.js';
import { type CompareReport, rolloutReport, type ScenarioReport, writeCompareReport } from './report.js';
import { rolloutScenarios, runRolloutScenarios } from './rollout-run.js';
import { hpaScenarios, policyScenario } from './scenarios.js';

export const SYNC_PERIOD_SECONDS = 5;
/** Observation slack on top of one sync period: the watch event and `kubectl scale` each take a moment. */
const SLACK_MS = 2000;
/** The Deployment controller requeues a stuck Deployment for its deadline; the lab checks every 250 ms. */
const ROLLOUT_TOLERANCE_MS = 3000;

export async function runCompare(args: string[]): Promise<number> {
  const kind = args.find((a) => !a.startsWith('--'));
  const quick = args.includes('--quick');
  const outIndex = args.indexOf('--out');
  const portIndex = args.indexOf('--metrics-port');
  const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (kind !== 'hpa' && kind !== 'rollout' && kind !== 'policy') {
    log('usage: npm run lab -- compare hpa|rollout|policy [--quick] [--out DIR] [--metrics-port N]');
    return 2;
  }
  const committed = serviceModel(loadApplied(REPO_ROOT)).find((s) => s.name === 'board')?.autoscaler;
  if (!committed) {
    log('the board Deployment has no HPA in the manifests');
    return 1;
  }
  process.env.KCM_EXTRA_FLAGS ??= `--horizontal-pod-autoscaler-sync-period=${SYNC_PERIOD_SECONDS}s`;
  log('… the local control plane (scripts/cluster/up.sh)');
  const cluster = startLocalCluster(REPO_ROOT);
  const pki = join(dirname(cluster.kubeconfig), 'pki');
  const tls = servingCert(mkdtempSync(join(tmpdir(), 'lab-metrics-')), [METRICS_HOST]);
  const env = new CompareCluster(cluster);
  env.start();
  // A port in use must end the command, not leave the watches holding it open.
  const server = await startMetricsServer({
    tls,
    frontProxyCa: readFileSync(join(pki, 'front-proxy-ca.crt'), 'utf8'),
    allowedNames: ['front-proxy-client'],
    source: env.source,
    port,
  }).catch((error: unknown) => {
    env.close();
    throw error;
  });
  try {
    log(`… metrics.k8s.io served on https://127.0.0.1:${server.port}, registering the APIService`);
    await registerMetricsApi(cluster, server.port, tls.ca);
    const toleranceMs = kind !== 'rollout' ? SYNC_PERIOD_SECONDS * 1000 + SLACK_MS : ROLLOUT_TOLERANCE_MS;
    const reports: ScenarioReport[] =
      kind === 'rollout'
        ? (await runRolloutScenarios(env, rolloutScenarios(quick), log)).map((run) => rolloutReport(run, toleranceMs))
        : await hpaReports(
            env,
            kind === 'policy' ? [policyScenario(committed, quick)] : hpaScenarios(committed, quick),
            toleranceMs,
            log,
          );
    const report: CompareReport = {
      kind,
      quick,
      generatedAt: new Date().toISOString(),
      syncPeriodSeconds: SYNC_PERIOD_SECONDS,
      tolerance:
        kind !== 'rollout'
          ? `The n-th rescale of each side must go to the same count within ${toleranceMs / 1000} s of the other: one sync period (the two sync loops run with independent phases) plus ${SLACK_MS / 1000} s for the watch and kubectl scale.`
          : `The ReplicaSet sizes (new/old) must go through the same states in the same order; ProgressDeadlineExceeded must be reported within ${toleranceMs / 1000} s on both sides.`,
      scenarios: reports,
    };
    const stamp = report.generatedAt.replace(/[:.]/g, '-');
    const dir =
      outIndex >= 0 && args[outIndex + 1]
        ? resolve(args[outIndex + 1] as string)
        : join(REPO_ROOT, 'reports', `compare-${kind}-${stamp}`);
    for (const s of reports)
      log(`${s.differences === 0 ? '✔' : '✖'} ${s.name}: ${s.compared} decisions compared, ${s.differences} differing`);
    const unexercised = reports.filter(
      (s) => s.kind === 'hpa' && s.run.scenario.missingForSeconds > 0 && s.run.missingMetricsSyncs.length === 0,
    );
    for (const s of reports)
      if (s.kind === 'hpa' && s.run.scenario.missingForSeconds > 0)
        log(
          `${s.run.missingMetricsSyncs.length > 0 ? '✔' : '✖'} ${s.name}: the missing-metrics rule applied in ${s.run.missingMetricsSyncs.length} scale-up sync(s)`,
        );
    const path = writeCompareReport(dir, report);
    process.stdout.write(`${path}\n`);
    return reports.every((s) => s.differences === 0) && unexercised.length === 0 ? 0 : 1;
  } finally {
    unregisterMetricsApi(cluster);
    await server.close();
    env.close();
  }
}

async function hpaReports(
  env: CompareCluster,
  scenarios: ReturnType<typeof hpaScenarios>,
  toleranceMs: number,
  log: (line: string) => void,
): Promise<ScenarioReport[]> {
  const runs = await runHpaScenarios(env, scenarios, SYNC_PERIOD_SECONDS, log);
  return runs.map((run) => {
    const comparison = compareDecisions(run.lab, run.k8s, toleranceMs);
    return {
      name: run.scenario.name,
      title: run.scenario.title,
      kind: 'hpa' as const,
      compared: comparison.compared,
      differences: comparison.differences,
      toleranceSeconds: toleranceMs / 1000,
      comparison,
      run,
    };
  });
}
