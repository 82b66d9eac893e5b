import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from '../cluster.js';
import { renderReport } from '../report/render.js';
import { REPO_ROOT } from '../services.js';
import type { ExperimentReport, LoadResult } from '../telemetry/types.js';
import { quickManifests } from './quick-manifests.js';
import { SCENARIOS, type Scenario } from './scenarios.js';

export interface ExperimentRun {
  dir: string;
  report: ExperimentReport;
}

/** Runs one scenario end to end on a fresh cluster and writes reports/<name>-<timestamp>/. */
export async function runExperiment(
  name: string,
  options: { quick: boolean; cgroups?: boolean; log?: (line: string) => void; reportsDir?: string },
): Promise<ExperimentRun> {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`unknown experiment ${name}; one of ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const manifests = options.quick ? quickManifests(30) : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), `carebridge-${name}-`));
  const marks: { t: number; label: string }[] = [];
  const load: LoadResult[] = [];
  log(`Experiment ${scenario.name}${options.quick ? ' (quick: autoscaling windows ÷ 30)' : ''}: ${scenario.title}`);
  const clusterOptions = scenario.cluster(options.quick);
  const cluster = await Cluster.start({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    log: (line) => {
      if (/^[✓⇅↻!]/.test(line) || line.includes('OOMKilled')) log(line);
    },
    manifestsRoot: manifests?.root,
    ...clusterOptions,
    env: { LOG_LEVEL: 'warn', ...clusterOptions.env },
    cgroups: options.cgroups,
  });
  const startedAt = Date.now();
  try {
    const outcome = await scenario.run({
      cluster,
      quick: options.quick,
      target: `http://127.0.0.1:${cluster.port}`,
      log,
      load,
      mark: (label) => {
        marks.push({ t: Date.now(), label });
        log(`▸ ${label}`);
      },
    });
    const report: ExperimentReport = {
      name: scenario.name,
      title: scenario.title,
      description: scenario.description,
      quick: options.quick,
      startedAt,
      finishedAt: Date.now(),
      settings: settingsOf(cluster, scenario, marks),
      history: cluster.recorder.history(startedAt - 1),
      load,
      summary: outcome.summary,
      expectations: outcome.expectations,
      passed: outcome.expectations.every((e) => e.passed),
    };
    const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, '-');
    const dir = join(options.reportsDir ?? join(REPO_ROOT, 'reports'), `${scenario.name}-${stamp}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(dir, 'report.html'), renderReport(report));
    for (const e of report.expectations) log(`${e.passed ? '✔' : '✖'} ${e.name}: ${e.detail}`);
    for (const [k, v] of Object.entries(report.summary)) log(`  ${k}: ${v}`);
    log(`Report: ${join(dir, 'report.html')}`);
    return { dir, report };
  } finally {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
    manifests?.remove();
  }
}

function settingsOf(
  cluster: Cluster,
  scenario: Scenario,
  marks: { t: number; label: string }[],
): Record<string, unknown> {
  return {
    marks,
    cluster: Object.fromEntries(Object.entries(scenario.cluster(false)).filter(([k]) => k !== 'log')),
    services: Object.fromEntries(
      [...cluster.services.values()].map((s) => [
        s.spec.name,
        {
          autoscaler: s.spec.autoscaler,
          cpuRequestMilli: s.spec.cpuRequestMilli,
          balancing: s.spec.balancing,
          rollout: s.spec.rollout,
          probes: s.spec.probes,
          outlier: s.spec.outlier,
        },
      ]),
    ),
  };
}
