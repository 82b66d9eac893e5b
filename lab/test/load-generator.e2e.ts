import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { formatLoadResult } from '../src/load/format.js';
import { type LoadProgress, runLoad } from '../src/load/generator.js';
import { carebridgeMix, fixedMix } from '../src/load/mix.js';

/**
 * A small local HTTP server: `/ok` answers at once, `/slow` after 100 ms, `/fail` with 503, `/hang`
 * never; and just enough of the Carebridge API for the product mix (sign-up, log-in, lists, writes).
 */
function testServer() {
  const hits = new Map<string, number>();
  const writes: Array<{ path: string; authorization: string | undefined; body: unknown }> = [];
  const hanging = new Set<ServerResponse>();
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<unknown>((resolve) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => resolve(raw ? JSON.parse(raw) : undefined));
    });
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const key = `${req.method} ${path.replace(/[0-9a-f-]{36}/, ':id')}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    if (path === '/ok') return json(res, 200, { ok: true });
    if (path === '/slow') return setTimeout(() => json(res, 200, { ok: true }), 100);
    if (path === '/fail') return json(res, 503, { title: 'unavailable' });
    if (path === '/hang') {
      hanging.add(res);
      return;
    }
    if (path === '/api/auth/signup' && req.method === 'POST') {
      const body = (await readBody(req)) as { email: string; nickname: string };
      return json(res, 202, { email: body.email, nickname: body.nickname });
    }
    if (path === '/api/auth/email/verify' && req.method === 'POST') {
      const body = (await readBody(req)) as { code?: string };
      if (!req.headers.authorization) return json(res, 401, {});
      return json(res, body.code === '123456' ? 200 : 400, {});
    }
    if (path === '/api/auth/login' && req.method === 'POST') {
      const body = (await readBody(req)) as { email: string };
      return json(res, 200, { accessToken: `token-of-${body.email}`, tokenType: 'Bearer', expiresIn: 900 });
    }
    const post = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    if (path === '/api/board/posts' && req.method === 'GET') {
      return json(res, 200, { items: [1, 2, 3].map((n) => ({ id: post(n) })), nextCursor: null });
    }
    if (path === '/api/hospitals' && req.method === 'GET') {
      return json(res, 200, { items: [7, 8].map((n) => ({ id: post(n) })), nextCursor: null });
    }
    if (req.method === 'GET' && /^\/api\/(board\/posts|hospitals)\/[0-9a-f-]{36}(\/reviews)?$/.test(path)) {
      return json(res, 200, { id: path.split('/')[3] });
    }
    if (req.method === 'POST' && (path === '/api/board/posts' || /\/comments$/.test(path))) {
      const body = await readBody(req);
      writes.push({ path, authorization: req.headers.authorization, body });
      if (!req.headers.authorization) return json(res, 401, {});
      return json(res, 201, { id: post(100 + writes.length) });
    }
    json(res, 404, {});
  });
  return {
    server,
    hits,
    writes,
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('load generator against a real HTTP server', () => {
  const target = testServer();
  let base: string;

  before(async () => {
    await new Promise<void>((resolve) => target.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(target.server.address() as AddressInfo).port}`;
  });
  after(() => target.close());

  it('open loop: sends at the asked rate and reports throughput and latency per endpoint', async () => {
    const result = await runLoad({
      target: base,
      mode: 'open',
      users: 60,
      perUserRate: 2,
      durationMs: 1500,
      mix: fixedMix([
        { name: 'fast', path: '/ok', weight: 3 },
        { name: 'slow', path: '/slow', weight: 1 },
      ]),
    }).done;
    assert.equal(result.mode, 'open');
    assert.equal(result.offered, 180);
    assert.equal(result.total.requests, 180);
    assert.equal(result.total.errors, 0);
    assert.ok(Math.abs(result.total.throughput - 120) < 15, `throughput ${result.total.throughput}`);
    const slow = result.endpoints.find((e) => e.name === 'slow');
    const fast = result.endpoints.find((e) => e.name === 'fast');
    assert.ok(slow && fast);
    assert.ok(slow.latency.p50 >= 99 && slow.latency.p50 < 250, `slow p50 ${slow.latency.p50}`);
    assert.ok(fast.latency.p50 < 50, `fast p50 ${fast.latency.p50}`);
    assert.ok(slow.latency.max >= slow.latency.p99 && slow.latency.p99 >= slow.latency.p50);
    const table = formatLoadResult(result);
    assert.match(table, /^open loop · 1\.5 s · offered 180 /);
    assert.match(table, /\nfast +\d+ +0 /);
    assert.match(table, /\ntotal +180 +0 /);
  });

  it('counts failed answers as errors, per endpoint, and reports progress each second', async () => {
    const progress: LoadProgress[] = [];
    const result = await runLoad({
      target: base,
      mode: 'open',
      rate: 100,
      durationMs: 1200,
      seed: 3,
      mix: fixedMix([
        { name: 'ok', path: '/ok', weight: 1 },
        { name: 'failing', path: '/fail', weight: 1 },
      ]),
      onProgress: (p) => progress.push(p),
    }).done;
    const failing = result.endpoints.find((e) => e.name === 'failing');
    assert.ok(failing && failing.requests > 30);
    assert.equal(failing.errors, failing.requests);
    assert.equal(result.endpoints.find((e) => e.name === 'ok')?.errors, 0);
    assert.equal(result.total.errors, failing.requests);
    assert.equal(progress.length, 2, 'one line after a second, one at the end');
    assert.match(progress[0]?.line ?? '', /\[ +1s\] sent +\d+ +rps +\d+ +p99 +[\d.]+ ms +errors \d+/);
    assert.ok((progress[0]?.errors ?? 0) > 20);
  });

  it('is bounded in time: a hung target costs at most the request timeout after the duration', async () => {
    const started = Date.now();
    const result = await runLoad({
      target: base,
      mode: 'open',
      rate: 50,
      durationMs: 500,
      timeoutMs: 300,
      mix: fixedMix([{ name: 'hang', path: '/hang' }]),
    }).done;
    const took = Date.now() - started;
    assert.ok(took < 1200, `took ${took} ms`);
    assert.equal(result.total.requests, 25);
    assert.equal(result.total.errors, 25);
    assert.ok(result.total.latency.p50 >= 290, `timed-out requests count their time: ${result.total.latency.p50}`);
  });

  it('closed loop: stop() ends it early and the result covers what was sent', async () => {
    const handle = runLoad({
      target: base,
      mode: 'closed',
      users: 3,
      durationMs: 60_000,
      mix: fixedMix([{ name: 'slow', path: '/slow' }]),
    });
    await new Promise((resolve) => setTimeout(resolve, 550));
    const stopAt = Date.now();
    const result = await handle.stop();
    assert.ok(Date.now() - stopAt < 300, 'stops within one answer');
    assert.equal(result.mode, 'closed');
    assert.ok(result.total.requests >= 12 && result.total.requests <= 21, `${result.total.requests} requests`);
    assert.equal(result.total.errors, 0);
    assert.ok(result.durationMs < 1000);
  });

  it('the Carebridge mix without the mailed codes refuses to start, saying why', async () => {
    const run = runLoad({ target: base, mode: 'open', rate: 10, durationMs: 500, mix: carebridgeMix({ members: 1 }) });
    await assert.rejects(run.done, /confirmed email: give the mix the codes auth mails/);
  });

  it('the Carebridge mix signs members up, confirms their email, logs them in and writes with their tokens', async () => {
    const result = await runLoad({
      target: base,
      mode: 'open',
      rate: 150,
      durationMs: 1000,
      seed: 11,
      mix: carebridgeMix({
        members: 2,
        weights: { 'board.post': 20, 'board.comment': 20 },
        mailedCode: async () => '123456',
      }),
    }).done;
    assert.equal(result.total.errors, 0, formatLoadResult(result));
    assert.equal(target.hits.get('POST /api/auth/signup'), 2);
    assert.equal(target.hits.get('POST /api/auth/email/verify'), 2);
    // Once to confirm the email, once more for a token that says it is confirmed.
    assert.equal(target.hits.get('POST /api/auth/login'), 4);
    const names = new Set(result.endpoints.map((e) => e.name));
    for (const name of [
      'board.list',
      'board.read',
      'hospital.search',
      'hospital.read',
      'board.post',
      'board.comment',
    ]) {
      assert.ok(names.has(name), `${name} was sent`);
    }
    assert.ok(target.writes.length > 10);
    for (const write of target.writes) assert.match(String(write.authorization), /^Bearer token-of-load-/);
    assert.ok((target.hits.get('GET /api/hospitals') ?? 0) > 5, 'hospital searches');
    assert.ok((target.hits.get('GET /api/board/posts/:id') ?? 0) > 5, 'post reads by learnt ids');
  });

  it('refuses a target that is not this machine', () => {
    assert.throws(() => runLoad({ target: 'http://192.168.1.10:8080', mode: 'open', rate: 1, durationMs: 10 }));
  });
});
