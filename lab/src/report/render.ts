/**
 * report.html from report.json: one self-contained page (inline CSS and SVG, no script, nothing
 * loaded from anywhere — its Content-Security-Policy forbids it) that a person can open from disk
 * and trust: the verdict and each expectation, the summary figures, charts over time per service
 * with the load steps marked, the scaling events, the load results and the settings used.
 */
import { CHART_CSS, elapsedTime, escapeXml, formatNumber, lineChart, type Marker } from '../dashboard/client/chart.js';
import { CHART_NAMES, serviceCharts } from '../dashboard/client/series.js';
import type { EndpointResult, ExperimentReport, LoadResult, ServiceSample } from '../telemetry/types.js';

const esc = (value: unknown) => escapeXml(String(value));
const key = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_');
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function iso(t: number): string {
  return Number.isFinite(t)
    ? new Date(t)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
    : '–';
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The moments to mark on every chart: the scenario's marks (settings.marks), else each load's start; and each load's end. */
function markersOf(report: ExperimentReport): Marker[] {
  const marks = Array.isArray(report.settings.marks) ? report.settings.marks : [];
  const markers: Marker[] = [];
  for (const m of marks) {
    const mark = obj(m);
    if (mark && typeof mark.t === 'number') markers.push({ t: mark.t, label: String(mark.label ?? ''), kind: 'load' });
  }
  const marked = markers.length > 0;
  report.load.forEach((run, i) => {
    const label = report.load.length > 1 ? `load ${i + 1}` : 'load';
    if (!marked) {
      markers.push({ t: run.startedAt, label: `${label}: ${rateOf(run)}`, kind: 'load' });
    }
    const end = run.startedAt + run.durationMs;
    // A scenario's own mark at the end (e.g. "no load") says it already.
    if (!markers.some((m) => Math.abs(m.t - end) < 2000))
      markers.push({ t: end, label: `${label} ends`, kind: 'load' });
  });
  return markers.sort((a, b) => a.t - b.t);
}

function rateOf(run: LoadResult): string {
  return run.durationMs > 0 ? `${formatNumber((run.offered * 1000) / run.durationMs)} req/s ${run.mode}` : run.mode;
}

function maxReplicasOf(report: ExperimentReport, service: string): number | undefined {
  const spec = obj(obj(obj(report.settings.services)?.[service])?.autoscaler);
  return typeof spec?.maxReplicas === 'number' ? spec.maxReplicas : undefined;
}

function expectationsSection(report: ExperimentReport): string {
  const rows = report.expectations
    .map(
      (e) =>
        `<tr class="${e.passed ? 'pass' : 'fail'}"><td class="result">${e.passed ? '✔ PASS' : '✖ FAIL'}</td>` +
        `<td>${esc(e.name)}</td><td>${esc(e.detail)}</td></tr>`,
    )
    .join('\n');
  return `<section aria-labelledby="expectations">
<h2 id="expectations">Expectations</h2>
${
  report.expectations.length === 0
    ? '<p>This experiment states no expectations.</p>'
    : `<table><thead><tr><th scope="col">Result</th><th scope="col">Expectation</th><th scope="col">Measured</th></tr></thead><tbody>
${rows}
</tbody></table>`
}
</section>`;
}

function summarySection(report: ExperimentReport): string {
  const entries = Object.entries(report.summary);
  if (entries.length === 0) return '';
  return `<section aria-labelledby="summary">
<h2 id="summary">Summary</h2>
<table class="summary"><tbody>
${entries.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td class="num">${esc(typeof v === 'number' ? formatNumber(v) : v)}</td></tr>`).join('\n')}
</tbody></table>
</section>`;
}

function chartsSection(report: ExperimentReport): string {
  const byService = new Map<string, ServiceSample[]>();
  for (const s of report.history.samples) {
    const list = byService.get(s.service) ?? [];
    list.push(s);
    byService.set(s.service, list);
  }
  const markers = markersOf(report);
  const lastSample = report.history.samples.reduce((m, s) => Math.max(m, s.t), 0);
  const from = report.startedAt;
  const to = Math.max(report.finishedAt, lastSample, from + 1000);
  const legend = markers.length
    ? `<p>Dotted vertical lines mark the load steps: ${markers.map((m) => `${esc(m.label)} at ${elapsedTime(m.t - from)}`).join('; ')}. Times are minutes:seconds since the start.</p>`
    : '<p>Times are minutes:seconds since the start.</p>';
  const services = [...byService.entries()].sort(([a], [b]) => a.localeCompare(b));
  const blocks = services.map(([service, samples]) => {
    const max = maxReplicasOf(report, service);
    const charts = serviceCharts(
      [...samples].sort((a, b) => a.t - b.t),
      {
        idPrefix: `r-${key(service)}`,
        from,
        to,
        timeLabels: 'elapsed',
        markers,
        maxReplicas: max || undefined,
        width: 560,
        height: 220,
      },
    );
    return `<section class="service" aria-labelledby="svc-${key(service)}">
<h3 id="svc-${key(service)}">${esc(service)}</h3>
<div class="charts">
${CHART_NAMES.map((name) => `<figure>${lineChart(charts[name])}</figure>`).join('\n')}
</div>
</section>`;
  });
  return `<section aria-labelledby="over-time">
<h2 id="over-time">Over time</h2>
${legend}
${blocks.length ? blocks.join('\n') : '<p>No samples were recorded.</p>'}
</section>`;
}

function eventsSection(report: ExperimentReport): string {
  const events = [...report.history.events].sort((a, b) => a.t - b.t);
  const rows = events
    .map(
      (e) =>
        `<tr><td class="num">${elapsedTime(e.t - report.startedAt)}</td><td>${esc(e.service)}</td><td>${esc(e.source)}</td>` +
        `<td class="num">${esc(e.from)} → ${esc(e.to)}</td><td>${esc(e.reason)}</td></tr>`,
    )
    .join('\n');
  return `<section aria-labelledby="events">
<h2 id="events">Scaling events</h2>
${
  events.length === 0
    ? '<p>No scaling decisions were recorded.</p>'
    : `<table><thead><tr><th scope="col">Time</th><th scope="col">Service</th><th scope="col">Source</th><th scope="col">Replicas</th><th scope="col">Reason</th></tr></thead><tbody>
${rows}
</tbody></table>`
}
</section>`;
}

function endpointRow(e: EndpointResult, total = false): string {
  const l = e.latency;
  const cells = [e.requests, e.errors, e.throughput, l.p50, l.p90, l.p95, l.p99, l.max, l.mean]
    .map((v) => `<td class="num">${formatNumber(v)}</td>`)
    .join('');
  const name = total ? 'total' : esc(e.name);
  return `<tr${total ? ' class="total"' : ''}${e.errors > 0 ? ' data-errors="true"' : ''}><th scope="row">${name}</th>${cells}</tr>`;
}

function loadSection(report: ExperimentReport): string {
  if (report.load.length === 0) return '';
  const runs = report.load.map((run, i) => {
    const share = run.total.requests > 0 ? (100 * run.total.errors) / run.total.requests : 0;
    return `<h3>Load ${i + 1}: ${esc(run.mode)} loop from ${elapsedTime(run.startedAt - report.startedAt)} for ${duration(run.durationMs)} · offered ${run.offered} · errors ${run.total.errors} (${share.toFixed(2)} %)</h3>
<table class="load"><thead><tr><th scope="col">Endpoint</th><th scope="col">Requests</th><th scope="col">Errors</th><th scope="col">req/s</th><th scope="col">p50 ms</th><th scope="col">p90 ms</th><th scope="col">p95 ms</th><th scope="col">p99 ms</th><th scope="col">max ms</th><th scope="col">mean ms</th></tr></thead><tbody>
${run.endpoints.map((e) => endpointRow(e)).join('\n')}
${endpointRow(run.total, true)}
</tbody></table>`;
  });
  return `<section aria-labelledby="load">
<h2 id="load">Load results</h2>
<p>Latency is measured from each request's scheduled time in open loop (so queueing in the generator counts), from its sending in closed loop.</p>
${runs.join('\n')}
</section>`;
}

function value(v: unknown): string {
  if (v === null || v === undefined) return '<span class="muted">–</span>';
  if (typeof v === 'object') return `<code>${esc(JSON.stringify(v))}</code>`;
  return esc(v);
}

function settingsTable(entries: Array<[string, unknown]>): string {
  return `<table class="settings"><tbody>
${entries.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${value(v)}</td></tr>`).join('\n')}
</tbody></table>`;
}

function settingsSection(report: ExperimentReport): string {
  const parts: string[] = [];
  const marks = Array.isArray(report.settings.marks) ? report.settings.marks : [];
  if (marks.length) {
    parts.push(
      `<h3>Steps</h3><ol>${marks
        .map((m) => {
          const mark = obj(m) ?? {};
          return `<li>${typeof mark.t === 'number' ? elapsedTime(mark.t - report.startedAt) : '?'}: ${esc(mark.label ?? '')}</li>`;
        })
        .join('')}</ol>`,
    );
  }
  for (const [name, section] of Object.entries(report.settings)) {
    if (name === 'marks') continue;
    const inner = obj(section);
    if (inner && Object.values(inner).every((v) => obj(v) !== undefined) && Object.keys(inner).length > 0) {
      // e.g. services: {board: {...}, hospital: {...}}: one table per entry.
      for (const [entry, settings] of Object.entries(inner)) {
        parts.push(`<h3>${esc(name)}: ${esc(entry)}</h3>${settingsTable(Object.entries(obj(settings) ?? {}))}`);
      }
    } else if (inner) {
      parts.push(`<h3>${esc(name)}</h3>${settingsTable(Object.entries(inner))}`);
    } else {
      parts.push(settingsTable([[name, section]]));
    }
  }
  return `<section aria-labelledby="settings">
<h2 id="settings">Settings used</h2>
${parts.length ? parts.join('\n') : '<p>No settings were recorded.</p>'}
</section>`;
}

const REPORT_CSS = `
:root { color-scheme: light; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans KR", sans-serif; color: #1f2933; background: #f5f7fa; }
main { max-width: 1240px; margin: 0 auto; padding: 24px; }
section { background: #fff; border: 1px solid #d9e2ec; border-radius: 8px; padding: 14px 18px; margin: 16px 0; }
section section { border: 0; padding: 0; margin: 12px 0 0; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 18px; margin: 0 0 8px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
.verdict { display: inline-block; font-size: 16px; font-weight: 700; padding: 4px 12px; border-radius: 6px; margin: 4px 0 8px; }
.verdict.pass { background: #ebfbee; color: #1b5e20; border: 1px solid #8ce99a; }
.verdict.fail { background: #fff5f5; color: #a61e1e; border: 1px solid #ffa8a8; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 0; }
dl.meta dt { color: #52606d; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
thead th { color: #52606d; font-size: 12px; }
td.num { text-align: right; white-space: nowrap; }
table.load thead th:not(:first-child) { text-align: right; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid #9aa5b1; }
tr.pass td.result { color: #2b8a3e; font-weight: 700; white-space: nowrap; }
tr.fail td { background: #fff5f5; }
tr.fail td.result { color: #c92a2a; font-weight: 700; white-space: nowrap; }
tr[data-errors="true"] td:nth-child(3) { color: #c92a2a; font-weight: 700; }
table.summary th { width: 50%; font-weight: 500; }
table.settings th { width: 30%; font-weight: 500; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-word; }
.muted { color: #7b8794; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 10px; }
figure { margin: 0; border: 1px solid #e4e7eb; border-radius: 6px; padding: 4px; }
@media print { body { background: #fff; } section { break-inside: avoid; } }
${CHART_CSS}`;

/** The whole report as one HTML document. */
export function renderReport(report: ExperimentReport): string {
  const met = report.expectations.filter((e) => e.passed).length;
  const verdict = report.passed
    ? `PASSED: ${met} of ${report.expectations.length} expectations met`
    : `FAILED: ${met} of ${report.expectations.length} expectations met`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(report.title)} · ${report.passed ? 'passed' : 'FAILED'} · Carebridge lab report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>${esc(report.title)}</h1>
<p class="verdict ${report.passed ? 'pass' : 'fail'}" role="status">${report.passed ? '✔' : '✖'} ${esc(verdict)}</p>
<p>${esc(report.description)}</p>
<dl class="meta">
<dt>Experiment</dt><dd><code>${esc(report.name)}</code>${report.quick ? ' (quick timings, --quick)' : ' (full timings)'}</dd>
<dt>Started</dt><dd>${iso(report.startedAt)}</dd>
<dt>Finished</dt><dd>${iso(report.finishedAt)}</dd>
<dt>Duration</dt><dd>${duration(report.finishedAt - report.startedAt)}</dd>
</dl>
</header>
${expectationsSection(report)}
${summarySection(report)}
${chartsSection(report)}
${loadSection(report)}
${eventsSection(report)}
${settingsSection(report)}
<p class="muted">Drawn from report.json in the same directory, which holds every sample and event.</p>
</main>
</body>
</html>
`;
}
