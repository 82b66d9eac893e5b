import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { launchChromium, requireChromium } from '@carebridge/platform/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { dashboardHandler } from '../src/dashboard/handler.js';
import { Gateway } from '../src/gateway/gateway.js';
import type { LabHistory, ServiceSample } from '../src/telemetry/types.js';
import { rawRequest } from './support.js';

/**
 * The test's own lab API: a real HTTP handler on the same gateway answering canned JSON, recording
 * what the page asks. `historyAvailable = false` plays a lab without the history and load APIs.
 */
function stubApi() {
  const posts: Array<{ path: string; body: unknown }> = [];
  const authorizations: Array<string | undefined> = [];
  const sinces: number[] = [];
  const stub = {
    posts,
    authorizations,
    sinces,
    historyAvailable: true,
    handler(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      if (!path.startsWith('/lab/api/')) return false;
      const json = (status: number, body: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      const missing = () =>
        json(404, { key: 'LAB.NOT_FOUND', detail: `No lab API at ${path}.` }, 'application/problem+json');
      if (req.method === 'GET' && path === '/lab/api/state') {
        json(200, state());
      } else if (req.method === 'GET' && path === '/lab/api/history') {
        if (!stub.historyAvailable) missing();
        else {
          const since = Number(new URL(req.url ?? '', 'http://x').searchParams.get('since'));
          sinces.push(since);
          json(200, history(since));
        }
      } else if (req.method === 'GET' && path === '/lab/api/load') {
        if (!stub.historyAvailable) missing();
        else json(200, { level: 0, rate: 0, startedAt: null, progress: null, lastResult: null, error: null });
      } else if (req.method === 'POST') {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          posts.push({ path, body: body ? JSON.parse(body) : null });
          authorizations.push(req.headers.authorization);
          if (/^\/lab\/api\/services\/board\/replicas\/[^/]+\/kill$/.test(path))
            json(202, { killed: path.split('/')[6] });
          else if (path === '/lab/api/load' && stub.historyAvailable) json(202, { level: JSON.parse(body).level });
          else missing();
        });
      } else {
        missing();
      }
      return true;
    },
  };
  return stub;
}

const CONTROL_TOKEN = 'printed-at-start-up';
const NOW = Date.now();
const replica = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  service: 'board',
  version: '1',
  phase: 'Running',
  pid: 100,
  port: 4000,
  ready: true,
  live: true,
  restarts: 0,
  startedAt: new Date(NOW - 60_000).toISOString(),
  inFlight: 2,
  requests: 100,
  errors: 0,
  latencyMs: 4.2,
  ejected: false,
  ejections: 0,
  ...extra,
});

function state() {
  return {
    gateway: { port: 8080 },
    services: [
      {
        name: 'board',
        address: 'http://127.0.0.1:5000',
        policy: 'LEAST_REQUEST',
        desired: 4,
        ready: 3,
        autoscaler: { minReplicas: 3, maxReplicas: 10, targetCpuUtilization: 70, behavior: undefined },
        autoscaling: 'hpa',
        cpuUtilization: 82,
        routes: ['/api/board'],
        unsupported: [],
        replicas: [
          replica('board-aaa111'),
          replica('board-bbb222', { restarts: 2, latencyMs: 210.5, ejected: true }),
          replica('board-ccc333', { phase: 'Starting', ready: false, inFlight: 0, latencyMs: undefined }),
        ],
      },
    ],
  };
}

const SAMPLES: ServiceSample[] = Array.from({ length: 120 }, (_, i) => ({
  t: NOW - (120 - i) * 1000,
  service: 'board',
  replicas: i < 60 ? 3 : 4,
  ready: 3,
  desired: i < 60 ? 3 : 4,
  cpuUtilization: i < 60 ? 30 : 85,
  targetUtilization: 70,
  rps: i < 60 ? 20 : 150,
  latency: { p50: 5, p95: 20, p99: 45 },
  errors: i === 90 ? 3 : 0,
}));

function history(since: number): LabHistory {
  return {
    samples: SAMPLES.filter((s) => s.t > since),
    events: [
      {
        t: NOW - 60_000,
        service: 'board',
        source: 'hpa' as const,
        from: 3,
        to: 4,
        reason: 'cpu resource utilization (percentage of request) above target',
        details: { utilization: 85, target: 70 },
      },
    ].filter((e) => e.t > since),
  };
}

describe('lab dashboard', () => {
  const stub = stubApi();
  const gateway = new Gateway([], undefined, [dashboardHandler(), stub.handler]);
  let port: number;

  before(async () => {
    port = await gateway.listen(0, '127.0.0.1');
  });
  after(() => gateway.close());

  it('serves the page and its assets with the right types and security headers', async () => {
    for (const path of ['/lab', '/lab/']) {
      const page = await rawRequest(port, path);
      assert.equal(page.status, 200, path);
      assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
      assert.equal(page.headers['x-content-type-options'], 'nosniff');
      assert.match(page.body, /<script type="module" src="\/lab\/assets\/browser\/app.js"><\/script>/);
      assert.doesNotMatch(page.body, /https?:\/\/(?!www\.w3\.org)/, 'no external URL');
    }
    const css = await rawRequest(port, '/lab/assets/style.css');
    assert.equal(css.status, 200);
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    assert.match(css.body, /svg\.chart \.tone-0/);

    // Every module the page loads, followed import by import from the entry (the DOM modules under browser/,
    // the pure ones shared with the reports beside them).
    const seen = new Set<string>();
    const queue = ['/lab/assets/browser/app.js'];
    while (queue.length > 0) {
      const path = queue.shift() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      const module = await rawRequest(port, path);
      assert.equal(module.status, 200, path);
      assert.equal(module.headers['content-type'], 'text/javascript; charset=utf-8', path);
      assert.doesNotMatch(module.body, /from '[^.]/, `${path} imports nothing by bare name`);
      for (const m of module.body.matchAll(/from '(\.\.?\/[a-z/-]+\.js)'/g)) {
        queue.push(new URL(m[1] as string, `http://lab${path}`).pathname);
      }
    }
    assert.ok(seen.has('/lab/assets/chart.js') && seen.has('/lab/assets/browser/panel.js'), [...seen].join(' '));
    assert.equal((await rawRequest(port, '/lab/assets/browser/app.js', { method: 'HEAD' })).status, 200);
  });

  it('answers 404 for other assets, 405 for writes, and leaves /lab/api and /lab/metrics alone', async () => {
    for (const path of ['/lab/assets/missing.js', '/lab/assets/app.d.ts', '/lab/assets/']) {
      assert.equal((await rawRequest(port, path)).status, 404, path);
    }
    assert.equal(
      (await rawRequest(port, '/lab/assets/..%2fhandler.js')).status,
      400,
      'the gateway refuses an escaped slash',
    );
    assert.equal((await rawRequest(port, '/lab', { method: 'POST' })).status, 405);
    const api = await rawRequest(port, '/lab/api/state');
    assert.equal(api.status, 200);
    assert.equal(JSON.parse(api.body).services[0].name, 'board');
    const metrics = await rawRequest(port, '/lab/metrics');
    assert.equal(metrics.status, 404);
    assert.match(metrics.body, /GATEWAY.NO_ROUTE/, 'the dashboard did not claim /lab/metrics');
  });

  describe('in Chromium', { skip: requireChromium('lab dashboard in Chromium') }, () => {
    let browser: Browser;
    let page: Page;
    const problems: string[] = [];

    before(async () => {
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !/status of 404/.test(message.text())) {
          problems.push(`console: ${message.text()}`);
        }
      });
    });
    after(() => browser?.close());

    it('draws the charts from the stubbed state and history, and keeps polling with ?since=', async () => {
      await page.goto(`http://127.0.0.1:${port}/lab#token=${CONTROL_TOKEN}`);
      const section = page.locator('section[data-service="board"]');
      await section.locator('svg.chart').first().waitFor();
      assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
      assert.equal(await section.locator('svg.chart').count(), 5);
      const replicasChart = section.locator('svg[data-chart="svc-board-replicas"]');
      const d = await replicasChart.locator('path[data-series="desired"]').getAttribute('d');
      assert.match(String(d), /^M[\d.]+ [\d.]+H/, 'the desired replicas are drawn as steps');
      const cpu = section.locator('svg[data-chart="svc-board-cpu"]');
      assert.equal(await cpu.locator('path').count(), 2, 'CPU and its target');
      assert.match(String(await cpu.locator('path[data-series="target"]').getAttribute('class')), /dashed/);
      assert.equal(await section.locator('svg[data-chart="svc-board-latency"] path').count(), 3);
      assert.match(String(await cpu.locator('desc').textContent()), /CPU 85 %, target 70 %/);

      await page.locator('#connection', { hasText: /^Live/ }).waitFor();
      assert.equal(await section.locator('tbody tr').count(), 3);
      const ejected = section.locator('tr[data-replica="board-bbb222"]');
      assert.match(String(await ejected.textContent()), /ejected/);
      assert.match(String(await ejected.getAttribute('class')), /is-ejected/);
      assert.match(String(await section.locator('.tiles').textContent()), /3 \/ 4.*85% \/ 70%.*150 req\/s.*45 ms/s);
      assert.match(String(await section.locator('.events').textContent()), /hpa\s*3 → 4/);
      assert.match(
        String(await section.locator('.facts').textContent()),
        /balancing LEAST_REQUEST · autoscaler hpa · 3–10 replicas/,
      );
      assert.equal(await section.locator('select[id="svc-board-policy"]').inputValue(), 'LEAST_REQUEST');

      // It polls again by itself (no reload), asking only for what is new.
      const before = stub.sinces.length;
      await new Promise((resolve) => setTimeout(resolve, 2300));
      assert.ok(stub.sinces.length >= before + 2, `${stub.sinces.length - before} history polls in 2.3 s`);
      assert.equal(stub.sinces.at(-1), SAMPLES.at(-1)?.t);
    });

    it('posts a kill to the replica’s path, from the keyboard too, and says so', async () => {
      const kill = page.getByRole('button', { name: 'Kill board-aaa111' });
      await kill.click();
      const status = page.locator('section[data-service="board"] .status');
      await status.filter({ hasText: /^✓/ }).waitFor();
      assert.match(String(await status.textContent()), /Kill board-aaa111: done \(202\)/);
      assert.deepEqual(stub.posts.at(-1), { path: '/lab/api/services/board/replicas/board-aaa111/kill', body: {} });
      assert.equal(stub.authorizations.at(-1), `Bearer ${CONTROL_TOKEN}`, 'the lab token from the start-up link');

      await page.getByRole('button', { name: 'Kill board-bbb222' }).focus();
      await page.keyboard.press('Enter');
      await status.filter({ hasText: /✓ Kill board-bbb222/ }).waitFor();
      assert.equal(stub.posts.at(-1)?.path, '/lab/api/services/board/replicas/board-bbb222/kill');
      // The row (and the focused button) survived the updates.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      assert.equal(await page.evaluate('document.activeElement?.getAttribute("aria-label")'), 'Kill board-bbb222');
    });

    it('shows the error when the lab refuses an action', async () => {
      await page.locator('#svc-board-policy').selectOption('LATENCY_AWARE');
      await page.locator('form[data-form="policy"] button').click();
      const status = page.locator('section[data-service="board"] .status');
      await status.filter({ hasText: /^✗/ }).waitFor();
      assert.match(
        String(await status.textContent()),
        /Balancing policy LATENCY_AWARE failed: 404: No lab API at \/lab\/api\/services\/board\/policy\./,
      );
      assert.deepEqual(stub.posts.at(-1), {
        path: '/lab/api/services/board/policy',
        body: { policy: 'LATENCY_AWARE' },
      });
    });

    it('applies a load level', async () => {
      await page.getByRole('button', { name: '150 users' }).click();
      await page.locator('#load-status', { hasText: /^✓/ }).waitFor();
      assert.deepEqual(stub.posts.at(-1), { path: '/lab/api/load', body: { level: 150 } });
      assert.equal(
        await page.getByRole('button', { name: '150 users' }).getAttribute('aria-pressed'),
        'false',
        'the lab says level 0',
      );
    });

    it('degrades without the history and load APIs: replicas listed, the reason shown, buttons report the error', async () => {
      stub.historyAvailable = false;
      const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await fresh.goto(`http://127.0.0.1:${port}/lab`);
      await fresh.locator('section[data-service="board"] tbody tr').first().waitFor();
      await fresh.locator('#notice').waitFor({ state: 'visible' });
      assert.match(
        String(await fresh.locator('#notice').textContent()),
        /Charts need the history: \/lab\/api\/history answered 404: No lab API at \/lab\/api\/history\./,
      );
      assert.match(String(await fresh.locator('svg[data-chart="svc-board-rps"]').textContent()), /No data yet/);
      await fresh.getByRole('button', { name: '300 users' }).click();
      await fresh.locator('#load-status', { hasText: /^✗/ }).waitFor();
      assert.match(String(await fresh.locator('#load-status').textContent()), /Load at 300 users failed: 404/);
      await fresh.close();
      stub.historyAvailable = true;
    });

    it('raised no script error or Content-Security-Policy violation', () => {
      assert.deepEqual(problems, []);
    });
  });
});
