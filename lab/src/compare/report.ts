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

export interface ScenarioReport {
  name: string;
  title: string;
  kind: 'hpa' | 'rollout';
  compared: number;
  differences: number;
  toleranceSeconds: number;
  comparison: DecisionComparison;
  run: HpaRun;
}

export interface CompareReport {
  kind: 'hpa' | 'rollout';
  quick: boolean;
  generatedAt: string;
  syncPeriodSeconds: number;
  /** How the comparison is tolerant, said once for every scenario. */
  tolerance: string;
  scenarios: ScenarioReport[];
}

const esc = (v: unknown) => escapeXml(String(v));

function charts(s: ScenarioReport): string {
  const { run } = s;
  const from = run.startedAt;
  const to = run.finishedAt;
  const pts = (pick: (x: HpaRun['samples'][number]) => number | null) =>
    run.samples.map((x) => ({ t: x.t, v: pick(x) }));
  const replicas = lineChart({
    id: `${s.name}-replicas`,
    title: 'Replicas (spec.replicas) of both Deployments',
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
    ],
    markers: s.comparison.pairs
      .filter((p) => !p.equal)
      .map((p) => ({ t: (p.lab ?? p.real)?.t ?? from, label: `difference #${p.index + 1}`, kind: 'event' as const })),
  });
  const cpu = lineChart({
    id: `${s.name}-cpu`,
    title: 'CPU utilization each HPA saw (scripted demand over ready pods)',
    unit: '%',
    from,
    to,
    timeLabels: 'elapsed',
    width: 760,
    height: 200,
    series: [
      { name: 'lab side', tone: 0, points: pts((x) => x.lab.utilization) },
      { name: 'real side', tone: 1, dashed: true, points: pts((x) => x.k8s.utilization) },
    ],
  });
  return `<figure>${replicas}</figure><figure>${cpu}</figure>`;
}

function decisionsTable(s: ScenarioReport): string {
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

export function renderCompareHtml(report: CompareReport): string {
  const sections = report.scenarios
    .map(
      (s) => `<section class="${s.differences === 0 ? 'agree' : 'disagree'}">
<h2>${esc(s.title)} <small>(${esc(s.name)})</small></h2>
<p class="summary">${s.compared} decisions compared, <strong>${s.differences} differing</strong>; min ${s.run.scenario.autoscaler.minReplicas}, max ${s.run.scenario.autoscaler.maxReplicas}, target ${s.run.scenario.autoscaler.targetCpuUtilization}% CPU.</p>
${charts(s)}
${decisionsTable(s)}
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
<h1>The lab's ${esc(report.kind === 'hpa' ? 'HPA' : 'rollouts')} beside kube-controller-manager's</h1>
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
