import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineChart } from '../dashboard/client/chart.js';
import type { ExperimentReport, LoadResult, ServiceSample } from '../telemetry/types.js';
import { renderReport } from './render.js';

const T0 = Date.UTC(2026, 10, 22, 3, 0, 0);

function samples(service: string): ServiceSample[] {
  return Array.from({ length: 180 }, (_, i) => {
    const loaded = i >= 30 && i < 120;
    const replicas = loaded ? Math.min(8, 3 + Math.floor((i - 30) / 15)) : i >= 150 ? 3 : 4;
    return {
      t: T0 + i * 1000,
      service,
      replicas,
      ready: replicas,
      desired: replicas,
      cpuUtilization: i < 5 ? null : loaded ? 95 : 12,
      targetUtilization: 70,
      rps: loaded ? 150 : 0,
      latency: loaded ? { p50: 8, p95: 30, p99: 60 } : null,
      errors: i === 40 ? 2 : 0,
    };
  });
}

const endpoint = (name: string, requests: number, errors: number) => ({
  name,
  requests,
  errors,
  throughput: requests / 90,
  latency: { p50: 8.12, p90: 22.4, p95: 30.1, p99: 61.7, max: 240.5, mean: 11.3 },
});

const load: LoadResult = {
  mode: 'open',
  startedAt: T0 + 30_000,
  durationMs: 90_000,
  offered: 27_000,
  total: endpoint('total', 27_000, 2),
  endpoints: [endpoint('board.list', 20_000, 0), endpoint('hospital.search', 7_000, 2)],
};

function fixture(): ExperimentReport {
  return {
    name: 'scale-out',
    title: 'Scale-out under a step to 300 users <script>alert(1)</script>',
    description: 'A step to 300 users; replicas rise & come back.',
    quick: true,
    startedAt: T0,
    finishedAt: T0 + 180_000,
    settings: {
      marks: [
        { t: T0 + 30_000, label: '300 users' },
        { t: T0 + 120_000, label: 'no load' },
      ],
      cluster: { syncPeriodMs: 2000, cpuWindowMs: 5000 },
      services: {
        board: {
          autoscaler: { minReplicas: 3, maxReplicas: 10, targetCpuUtilization: 70 },
          balancing: 'LEAST_REQUEST',
        },
        hospital: {
          autoscaler: { minReplicas: 3, maxReplicas: 10, targetCpuUtilization: 70 },
          balancing: 'ROUND_ROBIN',
        },
      },
    },
    history: {
      samples: [...samples('board'), ...samples('hospital')],
      events: [
        {
          t: T0 + 45_000,
          service: 'board',
          source: 'hpa',
          from: 3,
          to: 4,
          reason: 'cpu resource utilization (percentage of request) above target',
          details: { utilization: 95 },
        },
      ],
    },
    load: [load],
    summary: { 'peak replicas': 8, 'first scale-out after (s)': 15.2, 'p99 during the step (ms)': 61.7 },
    expectations: [
      { name: 'replicas rise above the minimum during the load', passed: true, detail: 'peak 8' },
      { name: 'replicas come back to the minimum after the load', passed: false, detail: 'still above after 60 s' },
    ],
    passed: false,
  };
}

function svgs(html: string): string[] {
  return html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
}

describe('renderReport', () => {
  const html = renderReport(fixture());

  it('shows a failed expectation visibly: a FAILED verdict and the expectation marked FAIL with its detail', () => {
    assert.match(html, /<p class="verdict fail"[^>]*>✖ FAILED: 1 of 2 expectations met<\/p>/);
    const failed = html.match(/<tr class="fail">([\s\S]*?)<\/tr>/);
    assert.ok(failed, 'a row marked fail');
    assert.match(failed[1] as string, /✖ FAIL/);
    assert.match(failed[1] as string, /replicas come back to the minimum after the load/);
    assert.match(failed[1] as string, /still above after 60 s/);
    assert.match(html, /<tr class="pass"><td class="result">✔ PASS<\/td><td>replicas rise above the minimum/);
    assert.match(html, /<title>[^<]*FAILED/);
  });

  it('draws five charts per service, each with exactly one path per series', () => {
    const charts = svgs(html);
    assert.equal(charts.length, 10);
    const expected: Record<string, string[]> = {
      replicas: ['replicas', 'ready', 'desired'],
      cpu: ['CPU', 'target'],
      rps: ['req/s'],
      latency: ['p50', 'p95', 'p99'],
      errors: ['errors'],
    };
    for (const svg of charts) {
      const id = svg.match(/data-chart="r-(board|hospital)-(\w+)"/);
      assert.ok(id, 'each chart names itself');
      const series = expected[id[2] as string] as string[];
      const paths = svg.match(/<path [^>]*>/g) ?? [];
      assert.equal(paths.length, series.length, `${id[0]}: ${paths.length} paths`);
      assert.deepEqual(
        paths.map((p) => p.match(/data-series="([^"]+)"/)?.[1]),
        series,
      );
      for (const p of paths) assert.match(p, / d="M[\d.]+ [\d.]+/, `${id[0]} draws its data`);
      assert.equal((svg.match(/class="swatch/g) ?? []).length, series.length, 'a legend entry per series');
      assert.match(svg, /role="img"/);
      assert.match(svg, /<title id="[^"]+">/);
    }
  });

  it('marks the load steps on every chart and lists them', () => {
    for (const svg of svgs(html)) {
      assert.match(svg, /<text class="marker-label"[^>]*>300 users<\/text>/);
      assert.match(svg, /<text class="marker-label"[^>]*>no load<\/text>/);
      assert.doesNotMatch(svg, /load ends/, "the scenario's own mark already says where the load ends");
      assert.equal((svg.match(/<line class="marker /g) ?? []).length, 2);
    }
    assert.match(html, /300 users at 0:30; no load at 2:00/);
  });

  it("without the scenario's marks, marks where each load starts (with its rate) and ends", () => {
    const report = fixture();
    report.settings = {};
    const svg = svgs(renderReport(report))[0] as string;
    assert.match(svg, /<text class="marker-label"[^>]*>load: 300 req\/s open<\/text>/);
    assert.match(svg, /<text class="marker-label"[^>]*>load ends<\/text>/);
  });

  it('loads nothing from anywhere: no external URL, script, stylesheet link or font', () => {
    assert.doesNotMatch(html, /https?:\/\//);
    assert.doesNotMatch(html, /\bsrc=/);
    assert.doesNotMatch(html, /<link\b/);
    assert.doesNotMatch(html, /<script\b/);
    assert.doesNotMatch(html, /url\(|@import/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('escapes what it is given', () => {
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.match(html, /rise &#38; come back/);
  });

  it('has the summary, the settings used, the scaling events and the load results', () => {
    assert.match(html, /<th scope="row">peak replicas<\/th><td class="num">8<\/td>/);
    assert.match(html, /<th scope="row">first scale-out after \(s\)<\/th><td class="num">15.2<\/td>/);
    assert.match(html, /<h3>services: board<\/h3>/);
    assert.match(html, /&#34;maxReplicas&#34;:10/);
    assert.match(html, /<th scope="row">syncPeriodMs<\/th><td>2000<\/td>/);
    assert.match(html, /<td class="num">0:45<\/td><td>board<\/td><td>hpa<\/td><td class="num">3 → 4<\/td>/);
    assert.match(html, /Load 1: open loop from 0:30 for 1 min 30 s · offered 27000 · errors 2/);
    assert.match(html, /<th scope="row">board.list<\/th><td class="num">20000<\/td><td class="num">0<\/td>/);
    assert.match(html, /<tr data-errors="true"><th scope="row">hospital.search<\/th>/);
    assert.match(html, /<tr class="total" data-errors="true"><th scope="row">total<\/th><td class="num">27000<\/td>/);
  });

  it('renders a passing report with no load and no samples', () => {
    const empty = renderReport({
      ...fixture(),
      title: 'Nothing',
      passed: true,
      expectations: [{ name: 'ok', passed: true, detail: 'fine' }],
      history: { samples: [], events: [] },
      load: [],
      settings: {},
      summary: {},
    });
    assert.match(empty, /verdict pass[^>]*>✔ PASSED: 1 of 1/);
    assert.match(empty, /No samples were recorded/);
    assert.match(empty, /No scaling decisions were recorded/);
    assert.doesNotMatch(empty, /class="fail"/);
  });
});

describe('lineChart', () => {
  it('keeps one path per series across gaps: missing values and pauses are moves inside it', () => {
    const t = (s: number) => T0 + s * 1000;
    const svg = lineChart({
      id: 'c',
      title: 'CPU',
      unit: '%',
      from: t(0),
      to: t(60),
      series: [
        {
          name: 'cpu',
          tone: 0,
          points: [
            { t: t(0), v: 10 },
            { t: t(1), v: 20 },
            { t: t(2), v: null },
            { t: t(3), v: 30 },
            { t: t(4), v: 40 },
            { t: t(30), v: 50 },
          ],
        },
        { name: 'target', tone: 4, dashed: true, points: [] },
      ],
    });
    const paths = svg.match(/<path [^>]*>/g) ?? [];
    assert.equal(paths.length, 2);
    const d = paths[0]?.match(/ d="([^"]*)"/)?.[1] ?? '';
    assert.equal((d.match(/M/g) ?? []).length, 3, `three runs: ${d}`);
    assert.equal((d.match(/L/g) ?? []).length, 2);
    assert.match(paths[1] as string, / d=""/);
    assert.match(svg, /<desc id="c-desc">Latest: cpu 50 %, target no data\.<\/desc>/);
  });

  it('says when there is no data', () => {
    const svg = lineChart({ id: 'e', title: 'Empty', unit: '', from: T0, to: T0 + 1000, series: [] });
    assert.match(svg, /No data yet/);
  });
});
