// Lighthouse over a set of pages, desktop and mobile presets, the median of N runs each, with a
// verdict against thresholds. Shared by `npm run lighthouse` (a quiet product of its own) and
// `npm run loadtest` (the same pages while JMeter's 300 users load the product).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { default: lighthouse } = await import('lighthouse');
const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
const chromeLauncher = await import('chrome-launcher');
const { CHROMIUM, CHROMIUM_FLAGS } = await import('@carebridge/platform/testing/browser');
const { version } = (await import('lighthouse/package.json', { with: { type: 'json' } })).default;

export const LIGHTHOUSE_VERSION = version;

/** The three pages issue 16 measures: home, the free board and one hospital's page. */
export const productPages = (hospitalId) => [
  ['home', '/'],
  ['board', '/board/free'],
  ['hospital', `/hospitals/${hospitalId}`],
];

export function launchChrome() {
  return chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function sample(lhr) {
  const { categories, audits } = lhr;
  return {
    performance: Math.round(categories.performance.score * 100),
    accessibility: Math.round(categories.accessibility.score * 100),
    'best-practices': Math.round(categories['best-practices'].score * 100),
    fcpMs: Math.round(audits['first-contentful-paint'].numericValue),
    lcpMs: Math.round(audits['largest-contentful-paint'].numericValue),
    tbtMs: Math.round(audits['total-blocking-time'].numericValue),
    cls: Number(audits['cumulative-layout-shift'].numericValue.toFixed(3)),
    failing: Object.values(categories)
      .flatMap((c) => c.auditRefs)
      .map((ref) => audits[ref.id])
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id),
  };
}

/**
 * Measures each `[name, path]` of `pages` under `base`, `runs` times per preset; the run with the
 * median performance score stands for the page, as Lighthouse advises. The first run's full report
 * goes to `reportDir/<name>-<preset><suffix>.json`. `during()` (optional) is asked after every run
 * and its answer kept on the sample, so a caller can say whether each run was under load.
 */
export async function measurePages({ chrome, base, pages, runs, reportDir, suffix = '', during }) {
  mkdirSync(reportDir, { recursive: true });
  const results = [];
  for (const [name, path] of pages) {
    for (const preset of ['desktop', 'mobile']) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(
          `${base}${path}`,
          {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility', 'best-practices'],
          },
          preset === 'desktop' ? desktopConfig : undefined,
        );
        samples.push({ ...sample(result.lhr), during: during?.() });
        if (i === 0) writeFileSync(join(reportDir, `${name}-${preset}${suffix}.json`), result.report);
      }
      const perf = median(samples.map((s) => s.performance));
      const chosen = samples.find((s) => s.performance === perf);
      const allDuring = during ? samples.every((s) => s.during) : undefined;
      results.push({ page: name, path, preset, runs, ...chosen, during: allDuring });
    }
  }
  return results;
}

/** The table and whether every page met `thresholds[preset]` (scores, and fcpMs/tbtMs where set). */
export function verdict(results, thresholds) {
  let ok = true;
  const lines = ['page      preset   perf  a11y  best-pr  FCP ms  LCP ms  TBT ms   CLS   verdict'];
  for (const r of results) {
    const limits = thresholds[r.preset];
    const misses = [];
    for (const key of ['performance', 'accessibility', 'best-practices']) {
      if (limits[key] !== undefined && r[key] < limits[key]) misses.push(key);
    }
    if (limits.fcpMs !== undefined && r.fcpMs > limits.fcpMs) misses.push('FCP');
    if (limits.tbtMs !== undefined && r.tbtMs > limits.tbtMs) misses.push('TBT');
    if (r.during === false) misses.push('not all runs under load');
    if (misses.length > 0) ok = false;
    const cells = [
      r.page.padEnd(9),
      r.preset.padEnd(7),
      String(r.performance).padStart(5),
      String(r.accessibility).padStart(5),
      String(r['best-practices']).padStart(8),
      String(r.fcpMs).padStart(7),
      String(r.lcpMs).padStart(7),
      String(r.tbtMs).padStart(7),
      r.cls.toFixed(3).padStart(6),
    ];
    const failing = r.failing.length ? `  failing audits: ${r.failing.join(', ')}` : '';
    lines.push(`${cells.join(' ')}   ${misses.length ? `FAIL (${misses.join(', ')})` : 'ok'}${failing}`);
  }
  return { ok, lines };
}
