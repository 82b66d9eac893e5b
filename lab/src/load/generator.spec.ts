import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type LoadProgress, runLoad } from './generator.js';
import { fixedMix } from './mix.js';
import type { LoadRequest, Transport } from './transport.js';

const TARGET = 'http://127.0.0.1:9';

/** A target that answers after `delayMs`, recording when each request left and how many were in flight. */
function slowTarget(delayMs: number, status: (req: LoadRequest) => number = () => 200) {
  const sentAt: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send: Transport = async (req) => {
    sentAt.push(performance.now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await sleep(delayMs);
    inFlight--;
    return { status: status(req) };
  };
  return {
    send,
    sentAt,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // The generator's event loop is stalled, as under a GC pause or a busy machine.
  }
}

describe('runLoad: open loop', () => {
  it('keeps its arrival rate against a slow target: requests leave on schedule, not when others answer', async () => {
    const target = slowTarget(250);
    const started = performance.now();
    const result = await runLoad({
      target: TARGET,
      mode: 'open',
      rate: 200,
      durationMs: 1000,
      mix: fixedMix([{ name: 'a', path: '/a' }]),
      transport: target.send,
    }).done;
    assert.equal(result.offered, 200);
    assert.equal(result.total.requests, 200);
    assert.equal(target.sentAt.length, 200);
    // 250 ms answers at 200 req/s: about 50 outstanding at once; a closed loop would have had 1.
    assert.ok(target.maxInFlight >= 35, `max in flight ${target.maxInFlight}`);
    // Each request left close to its slot (every 5 ms).
    const late = target.sentAt.filter((t, i) => t - started - i * 5 > 60).length;
    assert.ok(late <= 10, `${late} requests left more than 60 ms after their slot`);
    assert.ok(result.total.latency.p50 >= 245 && result.total.latency.p50 < 400, `p50 ${result.total.latency.p50}`);
    assert.ok(result.durationMs >= 990 && result.durationMs < 1300, `duration ${result.durationMs}`);
    assert.ok(Math.abs(result.total.throughput - 200) < 25, `throughput ${result.total.throughput}`);
  });

  it('measures latency from the scheduled time, so a stall of the generator shows (no coordinated omission)', async () => {
    const target = slowTarget(40);
    setTimeout(() => busyWait(250), 300);
    const result = await runLoad({
      target: TARGET,
      mode: 'open',
      rate: 100,
      durationMs: 1000,
      mix: fixedMix([{ name: 'a', path: '/a' }]),
      transport: target.send,
    }).done;
    assert.equal(result.total.requests, 100);
    // Requests due during the 250 ms stall left late; their latency counts the wait.
    assert.ok(result.total.latency.max >= 230, `max ${result.total.latency.max}`);
    assert.ok(result.total.latency.p99 >= 200, `p99 ${result.total.latency.p99}`);
    assert.ok(result.total.latency.p50 < 120, `p50 ${result.total.latency.p50}`);
  });

  it('counts 4xx/5xx answers and failures as errors, per endpoint', async () => {
    let n = 0;
    const send: Transport = async (req) => {
      n++;
      if (req.path === '/boom' && n % 2 === 0) throw new Error('ECONNRESET');
      return { status: req.path === '/ok' ? 200 : 503 };
    };
    const result = await runLoad({
      target: TARGET,
      mode: 'open',
      rate: 400,
      durationMs: 250,
      seed: 7,
      mix: fixedMix([
        { name: 'ok', path: '/ok', weight: 1 },
        { name: 'boom', path: '/boom', weight: 1 },
      ]),
      transport: send,
    }).done;
    const ok = result.endpoints.find((e) => e.name === 'ok');
    const boom = result.endpoints.find((e) => e.name === 'boom');
    assert.ok(ok && boom);
    assert.equal(ok.errors, 0);
    assert.equal(boom.errors, boom.requests);
    assert.equal(result.total.requests, 100);
    assert.equal(result.total.errors, boom.requests);
    assert.ok(ok.requests > 25 && boom.requests > 25, 'both kinds are sent (weights 1:1)');
  });

  it('drops, and counts as errors, requests due while maxInFlight are outstanding', async () => {
    const target = slowTarget(400);
    const result = await runLoad({
      target: TARGET,
      mode: 'open',
      rate: 200,
      durationMs: 300,
      maxInFlight: 10,
      mix: fixedMix([{ name: 'a', path: '/a' }]),
      transport: target.send,
    }).done;
    assert.equal(target.sentAt.length, 10);
    assert.equal(result.offered, 60);
    assert.equal(result.total.requests, 60);
    assert.equal(result.total.errors, 50);
  });

  it('stops at maxRequests', async () => {
    const target = slowTarget(1);
    const result = await runLoad({
      target: TARGET,
      mode: 'open',
      rate: 1000,
      durationMs: 5000,
      maxRequests: 25,
      mix: fixedMix([{ name: 'a', path: '/a' }]),
      transport: target.send,
    }).done;
    assert.equal(target.sentAt.length, 25);
    assert.ok(result.durationMs < 1000);
  });

  it('reports progress every interval and once at the end', async () => {
    const lines: LoadProgress[] = [];
    await runLoad({
      target: TARGET,
      mode: 'open',
      rate: 100,
      durationMs: 650,
      progressIntervalMs: 200,
      mix: fixedMix([{ name: 'a', path: '/a' }]),
      transport: slowTarget(5).send,
      onProgress: (p) => lines.push(p),
    }).done;
    assert.ok(lines.length >= 3 && lines.length <= 5, `${lines.length} progress reports`);
    const last = lines.at(-1) as LoadProgress;
    assert.equal(last.done, true);
    assert.equal(last.sent, 65);
    assert.equal(last.inFlight, 0);
    assert.match(lines[0]?.line ?? '', /sent +\d+ +rps +\d+ +p99 +[\d.]+ ms +errors 0/);
    assert.ok((lines[0]?.rps ?? 0) > 50, `rps ${lines[0]?.rps}`);
  });
});

describe('runLoad: closed loop', () => {
  it('keeps at most `users` requests in flight, each user waiting for its answer and thinking', async () => {
    const target = slowTarget(20);
    const result = await runLoad({
      target: TARGET,
      mode: 'closed',
      users: 4,
      durationMs: 500,
      mix: fixedMix([{ name: 'a', path: '/a' }]),
      transport: target.send,
    }).done;
    assert.equal(target.maxInFlight, 4);
    // 4 users × 500 ms / ~21 ms per round trip.
    assert.ok(result.total.requests >= 60 && result.total.requests <= 104, `${result.total.requests} requests`);
    assert.equal(result.offered, result.total.requests);

    const thinking = slowTarget(20);
    const thought = await runLoad({
      target: TARGET,
      mode: 'closed',
      users: 4,
      thinkTimeMs: 80,
      durationMs: 500,
      mix: fixedMix([{ name: 'a', path: '/a' }]),
      transport: thinking.send,
    }).done;
    assert.ok(thought.total.requests <= 28, `${thought.total.requests} requests with 80 ms think time`);
  });

  it('stop() ends the run early and resolves with what was measured', async () => {
    const handle = runLoad({
      target: TARGET,
      mode: 'closed',
      users: 2,
      thinkTimeMs: 1000,
      durationMs: 60_000,
      mix: fixedMix([{ name: 'a', path: '/a' }]),
      transport: slowTarget(10).send,
    });
    await sleep(150);
    const started = performance.now();
    const result = await handle.stop();
    assert.ok(performance.now() - started < 200, 'stop does not wait for the think time');
    assert.equal(result.total.requests, 2);
    assert.ok(result.durationMs < 1000);
  });
});

describe('runLoad: limits', () => {
  it('only targets loopback addresses', () => {
    for (const target of ['http://example.com', 'http://10.0.0.5:8080', 'https://127.0.0.1', 'not a url']) {
      assert.throws(
        () => runLoad({ target, mode: 'open', rate: 1, durationMs: 100, transport: slowTarget(1).send }),
        /only targets this machine|must be/,
        target,
      );
    }
    for (const target of ['http://localhost:1', 'http://127.0.0.1:1', 'http://[::1]:1']) {
      const handle = runLoad({
        target,
        mode: 'open',
        rate: 1,
        durationMs: 1,
        mix: fixedMix([{ name: 'a', path: '/' }]),
        transport: slowTarget(1).send,
      });
      void handle.stop();
    }
  });

  it('refuses missing or nonsensical durations and rates', () => {
    const base = { target: TARGET, mix: fixedMix([{ name: 'a', path: '/' }]), transport: slowTarget(1).send };
    assert.throws(() => runLoad({ ...base, mode: 'open', rate: 10, durationMs: 0 }), /durationMs/);
    assert.throws(() => runLoad({ ...base, mode: 'open', rate: -1, durationMs: 100 }), /rate/);
    assert.throws(() => runLoad({ ...base, mode: 'closed', users: 0, durationMs: 100 }), /users/);
  });

  it('sends another kind when the picked one cannot be built yet', async () => {
    const paths: string[] = [];
    const result = await runLoad({
      target: TARGET,
      mode: 'open',
      rate: 200,
      durationMs: 100,
      mix: {
        entries: [
          { name: 'needs-ids', weight: 5, build: () => undefined },
          { name: 'list', weight: 1, build: () => ({ method: 'GET', path: '/list' }) },
        ],
      },
      transport: async (req) => {
        paths.push(req.path);
        return { status: 200 };
      },
    }).done;
    assert.equal(result.total.requests, 20);
    assert.equal(result.total.errors, 0);
    assert.deepEqual(new Set(paths), new Set(['/list']));
  });

  it('keeps the proportions of the kinds it falls back to', async () => {
    const counts = { a: 0, b: 0 };
    await runLoad({
      target: TARGET,
      mode: 'open',
      rate: 4000,
      durationMs: 500,
      seed: 5,
      mix: {
        entries: [
          { name: 'needs-ids', weight: 5, build: () => undefined },
          { name: 'a', weight: 3, build: () => ({ method: 'GET', path: '/a' }) },
          { name: 'b', weight: 1, build: () => ({ method: 'GET', path: '/b' }) },
        ],
      },
      transport: async (req) => {
        counts[req.path === '/a' ? 'a' : 'b']++;
        return { status: 200 };
      },
    }).done;
    const ratio = counts.a / counts.b;
    assert.ok(ratio > 2.4 && ratio < 3.7, `a:b = ${counts.a}:${counts.b}, not 3:1`);
  });
});
