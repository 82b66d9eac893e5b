/**
 * The comparison's report: `report.json` (`scenarios[]` with `name`, `compared`, `differences`, the decisions and
 * the samples) and `report.html` (per scenario, desired and actual replicas over time for both controllers on one
 * chart, the utilization both saw, and each decision with its reason, differences highlighted).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_CSS, elapsedTime, escapeXml, lineChart } from '../dashboard/client/chart.js';
import type { DecisionComparison } from './decisions.js';
import type { HpaRun } from './hpa-run.js';
import { type RolloutRun, sizeSequence } from './rollout-run.js';

interface ScenarioBase {
  name: string;
  title: string;
  compared: number;
  differences: number;
  toleranceSeconds: number;
}

export interface HpaScenarioReport extends ScenarioBase {
  kind: 'hpa';
  comparison: DecisionComparison;
  run: HpaRun;
}

export interface RolloutScenarioReport extends ScenarioBase {
  kind: 'rollout';
  /** The n-th size state (`new/old`) of each side; equal when the same. */
  steps: { index: number; lab: string | null; real: string | null; equal: boolean }[];
  deadline: { lab: number | null; real: number | null; equal: boolean } | null;
  run: RolloutRun;
}

export type ScenarioReport = HpaScenarioReport | RolloutScenarioReport;

/** Step sequences compared state by state, and the moment of ProgressDeadlineExceeded within the tolerance. */
export function rolloutReport(run: RolloutRun, toleranceMs: number): RolloutScenarioReport {
  const lab = sizeSequence(run.lab);
  const real = sizeSequence(run.k8s);
  const steps = Array.from({ length: Math.max(lab.length, real.length) }, (_, i) => ({
    index: i,
    lab: lab[i] ?? null,
    real: real[i] ?? null,
    equal: lab[i] === real[i],
  }));
  const deadline = run.scenario.broken
    ? {
        lab: run.labDeadlineAt === null ? null : run.labDeadlineAt - run.startedAt,
        real: run.k8sDeadlineAt === null ? null : run.k8sDeadlineAt - run.startedAt,
        equal:
          run.labDeadlineAt !== null &&
          run.k8sDeadlineAt !== null &&
          Math.abs(run.labDeadlineAt - run.k8sDeadlineAt) <= toleranceMs,
      }
    : null;
  const compared = steps.length + (deadline ? 1 : 0);
  const differences = steps.filter((s) => !s.equal).length + (deadline && !deadline.equal ? 1 : 0);
  return {
    name: run.scenario.name,
    title: run.scenario.title,
    kind: 'rollout',
    compared,
    differences,
    toleranceSeconds: toleranceMs / 1000,
    steps,
    deadline,
    run,
  };
}

export interface CompareReport {
  kind: 'hpa' | 'rollout' | 'policy';
  quick: boolean;
  generatedAt: string;
  syncPeriodSeconds: number;
  /** How the comparison is tolerant, said once for every scenario. */
  tolerance: string;
  scenarios: ScenarioReport[];
}

const esc = (v: unknown) => escapeXml(String(v));

function charts(s: HpaScenarioReport): string {
  const { run } = s;
  const from = run.startedAt;
  const to = run.finishedAt;
  const pts = (pick: (x: HpaRun['samples'][number]) => number | null) =>
    run.samples.map((x) => ({ t: x.t, v: pick(x) }));
  const replicas = lineChart({
    id: `${s.name}-replicas`,
    title: run.scenario.threshold ? 'Replicas, same load' : 'Replicas (spec.replicas) of both Deployments',
    unit: '',
    integer: true,
    from,
    to,
    timeLabels: 'elapsed',
    width: 760,
    height: 240,
    series: [
      { name: 'lab HPA', tone: 0, step: true, points: pts((x) => x.lab.replicas) },
      { name: 'kube-controller-manager HPA', tone: 1, step: true, dashed: true, points: pts((x) => x.k8s.replicas) },
      { name: 'ready (real)', tone: 2, step: true, points: pts((x) => x.k8s.ready) },
      ...(run.scenario.threshold
        ? [{ name: 'threshold rule', tone: 3, step: true, points: pts((x) => x.threshold?.replicas ?? null) }]
        : []),
    ],
    markers: s.comparison.pairs
      .filter((p) => !p.equal)
      .map((p) => ({ t: (p.lab ?? p.real)?.t ?? from, label: `difference #${p.index + 1}`, kind: 'event' as const })),
  });
  const cpu = lineChart({
    id: `${s.name}-cpu`,
    title: run.scenario.threshold
      ? 'CPU utilization seen'
      : 'CPU utilization each HPA saw (scripted demand over ready pods)',
    unit: '%',
    from,
    to,
    timeLabels: 'elapsed',
    width: 760,
    height: 200,
    series: [
      { name: 'lab side', tone: 0, points: pts((x) => x.lab.utilization) },
      { name: 'real side', tone: 1, dashed: true, points: pts((x) => x.k8s.utilization) },
      ...(run.scenario.threshold
        ? [{ name: 'threshold side', tone: 3, points: pts((x) => x.threshold?.utilization ?? null) }]
        : []),
    ],
  });
  return `<figure>${replicas}</figure><figure>${cpu}</figure>`;
}

function decisionsTable(s: HpaScenarioReport): string {
  const at = (t: number | undefined) => (t === undefined ? '–' : elapsedTime(t - s.run.startedAt));
  const rows = s.comparison.pairs
    .map(
      (p) => `<tr class="${p.equal ? 'same' : 'differs'}">
  <td>${p.index + 1}</td>
  <td>${at(p.lab?.t)}</td><td>${p.lab ? `${p.lab.from} → ${p.lab.to}` : '–'}</td><td class="reason">${esc(p.lab?.reason ?? '')}</td>
  <td>${at(p.real?.t)}</td><td>${p.real ? `${p.real.from} → ${p.real.to}` : '–'}</td><td class="reason">${esc(p.real?.reason ?? '')}</td>
  <td>${p.equal ? `same (${p.offsetMs === null ? '' : `${(p.offsetMs / 1000).toFixed(1)} s`})` : `<strong>${esc(p.why)}</strong>`}</td>
</tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>#</th><th>lab at</th><th>lab</th><th>lab reason</th><th>real at</th><th>real</th><th>real reason</th><th>verdict</th></tr></thead>
<tbody>${rows || '<tr><td colspan="8">No rescale on either side.</td></tr>'}</tbody></table>`;
}

function hpaBody(s: HpaScenarioReport): string {
  const a = s.run.scenario.autoscaler;
  const missing = s.run.missingMetricsSyncs;
  const missingNote =
    s.run.scenario.missingForSeconds > 0
      ? `<p class="summary">Pods have no metrics for their first ${s.run.scenario.missingForSeconds} s. ${missing.length} sync(s) of the lab's HPA scaled up with pods lacking metrics, counted at 0 % of their request (the missing-metrics rule): ${missing.map((m) => `+${elapsedTime(m.t - s.run.startedAt)} ${m.missingPods} missing, ratio ${m.usageRatio.toFixed(2)} → ${m.adjustedUsageRatio?.toFixed(2) ?? '–'}, recommends ${m.recommendation}`).join('; ') || '<strong>none: the rule was not exercised</strong>'}.</p>`
      : '';
  const rule = s.run.scenario.threshold;
  const thresholdNote = rule
    ? `<p class="summary">Threshold rule of the seed project (not compared, shown beside): one replica more after ${rule.upHoldMs / 1000} s above ${rule.threshold} %, one less after ${rule.downHoldMs / 1000} s below ${rule.threshold / 2} %, ${rule.minReplicas} to ${rule.maxReplicas} replicas. Its rescales: ${s.run.threshold.map((d) => `+${elapsedTime(d.t - s.run.startedAt)} ${d.from} → ${d.to}`).join(', ') || 'none'}.</p>`
    : '';
  return `<p class="summary">${s.compared} decisions compared, <strong>${s.differences} differing</strong>; min ${a.minReplicas}, max ${a.maxReplicas}, target ${a.targetCpuUtilization}% CPU.</p>
${missingNote}${thresholdNote}
${charts(s)}
${decisionsTable(s)}`;
}

function rolloutBody(s: RolloutScenarioReport): string {
  const { run } = s;
  const sc = run.scenario;
  const from = run.startedAt;
  const to = run.finishedAt;
  const pts = (list: RolloutRun['lab'], pick: (x: RolloutRun['lab'][number]) => number) => {
    const out = list.map((x) => ({ t: x.t, v: pick(x) }));
    const last = list.at(-1);
    if (last) out.push({ t: to, v: pick(last) });
    return out;
  };
  const chart = lineChart({
    id: `${s.name}-sets`,
    title: 'ReplicaSet sizes: new and old, lab and real',
    unit: '',
    integer: true,
    from,
    to,
    // States are recorded when they change: a long hold is one step, not a gap.
    gapMs: to - from + 1,
    timeLabels: 'elapsed',
    width: 760,
    height: 240,
    series: [
      { name: 'new (lab)', tone: 0, step: true, points: pts(run.lab, (x) => x.newReplicas) },
      { name: 'new (real)', tone: 1, step: true, dashed: true, points: pts(run.k8s, (x) => x.newReplicas) },
      { name: 'old (lab)', tone: 2, step: true, points: pts(run.lab, (x) => x.oldReplicas) },
      { name: 'old (real)', tone: 3, step: true, dashed: true, points: pts(run.k8s, (x) => x.oldReplicas) },
    ],
  });
  const at = (list: RolloutRun['lab'], key: string | null) => {
    const hit = key === null ? undefined : list.find((x) => `${x.newReplicas}/${x.oldReplicas}` === key);
    return hit ? `${elapsedTime(hit.t - from)} (ready ${hit.newReady}/${hit.oldReady})` : '–';
  };
  const rows = s.steps
    .map(
      (p) =>
        `<tr class="${p.equal ? 'same' : 'differs'}"><td>${p.index + 1}</td><td>${esc(p.lab ?? '–')}</td><td>${at(run.lab, p.lab)}</td><td>${esc(p.real ?? '–')}</td><td>${at(run.k8s, p.real)}</td><td>${p.equal ? 'same' : '<strong>differs</strong>'}</td></tr>`,
    )
    .join('\n');
  const deadline = s.deadline
    ? `<p class="${s.deadline.equal ? '' : 'differs'}">ProgressDeadlineExceeded (deadline ${sc.progressDeadlineSeconds} s): lab at ${s.deadline.lab === null ? 'never' : elapsedTime(s.deadline.lab)}, real at ${s.deadline.real === null ? 'never' : elapsedTime(s.deadline.real)} — ${s.deadline.equal ? 'same' : '<strong>differs</strong>'}.</p>`
    : '';
  return `<p class="summary">${s.compared} steps compared, <strong>${s.differences} differing</strong>; ${sc.replicas} replicas, maxSurge ${esc(sc.maxSurge)}, maxUnavailable ${esc(sc.maxUnavailable)}${sc.broken ? ', the new version never ready' : ''}.</p>
<figure>${chart}</figure>${deadline}
<table><thead><tr><th>#</th><th>lab new/old</th><th>lab at</th><th>real new/old</th><th>real at</th><th>verdict</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function renderCompareHtml(report: CompareReport): string {
  const sections = report.scenarios
    .map(
      (s) => `<section class="${s.differences === 0 ? 'agree' : 'disagree'}">
<h2>${esc(s.title)} <small>(${esc(s.name)})</small></h2>
${s.kind === 'hpa' ? hpaBody(s) : rolloutBody(s)}
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lab compare ${esc(report.kind)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #1b1f24; }
section { border-left: 6px solid #2da44e; padding: 0 1rem; margin: 2rem 0; }
section.disagree { border-color: #cf222e; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
td, th { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
tr.differs { background: #ffebe9; }
td.reason { max-width: 260px; }
figure { margin: 0.5rem 0; }
${CHART_CSS}
</style></head><body>
<h1>The lab's ${esc(report.kind === 'rollout' ? 'rollouts' : 'HPA')} beside kube-controller-manager's${report.kind === 'policy' ? ', and the seed project’s threshold rule' : ''}</h1>
<p>Generated ${esc(report.generatedAt)}${report.quick ? ' (quick: every time divided by 5)' : ''}. Sync period ${report.syncPeriodSeconds} s on both sides. ${esc(report.tolerance)}</p>
${sections}
</body></html>
`;
}

/** Writes both files; returns the path of report.json. */
export function writeCompareReport(dir: string, report: CompareReport): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.html'), renderCompareHtml(report));
  const json = join(dir, 'report.json');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return json;
}
