import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../load/seeded-random.js';
import { type Candidate, Ewma, pick } from './balancing.js';
import { OutlierDetector } from './outlier-detector.js';

const replicas = (...specs: Partial<Candidate>[]): Candidate[] =>
  specs.map((s, i) => ({ id: `r${i}`, inFlight: 0, latencyMs: undefined, ...s }));

function shares(policy: Parameters<typeof pick>[0], candidates: Candidate[], n = 10_000) {
  const counts = new Map<string, number>();
  const cursor = { next: 0 };
  const random = seededRandom(42); // seeded, so the statistical tests are repeatable
  for (let i = 0; i < n; i++) {
    const chosen = pick(policy, candidates, cursor, random) as Candidate;
    counts.set(chosen.id, (counts.get(chosen.id) ?? 0) + 1);
  }
  return candidates.map((c) => (counts.get(c.id) ?? 0) / n);
}

describe('balancing policies', () => {
  it('round robin takes turns exactly', () => {
    const cursor = { next: 0 };
    const three = replicas({}, {}, {});
    const order = Array.from({ length: 7 }, () => pick('ROUND_ROBIN', three, cursor)?.id);
    assert.deepEqual(order, ['r0', 'r1', 'r2', 'r0', 'r1', 'r2', 'r0']);
  });

  it('least request avoids the busier of two random replicas', () => {
    const [idle, busy, busier] = shares('LEAST_REQUEST', replicas({ inFlight: 0 }, { inFlight: 5 }, { inFlight: 10 }));
    assert.ok((idle as number) > 0.6, `idle ${idle}`);
    assert.ok((busier as number) === 0, 'the busiest replica loses every comparison');
    assert.ok((busy as number) > 0.2);
  });

  it('latency-aware gives a five times slower replica clearly less, but not zero', () => {
    const [fast1, fast2, slow] = shares(
      'LATENCY_AWARE',
      replicas({ latencyMs: 10 }, { latencyMs: 10 }, { latencyMs: 50 }),
    );
    assert.ok(Math.abs((slow as number) - 1 / 11) < 0.02, `slow share ${slow} ≈ 1/11`);
    assert.ok((fast1 as number) > 0.4 && (fast2 as number) > 0.4);
  });

  it('latency-aware tries replicas it has not measured yet', () => {
    const [, fresh] = shares('LATENCY_AWARE', replicas({ latencyMs: 10 }, {}));
    assert.ok((fresh as number) > 0.4);
  });

  it('random spreads evenly', () => {
    for (const share of shares('RANDOM', replicas({}, {}, {}, {}))) assert.ok(Math.abs(share - 0.25) < 0.02);
  });

  it('a single or no replica needs no choice', () => {
    assert.equal(pick('LEAST_REQUEST', replicas({}), { next: 0 })?.id, 'r0');
    assert.equal(pick('ROUND_ROBIN', [], { next: 0 }), undefined);
  });

  it('smooths latency towards recent samples', () => {
    const ewma = new Ewma(0.5);
    ewma.add(100);
    ewma.add(0);
    assert.equal(ewma.value, 50);
  });
});

describe('outlier detection', () => {
  const spec = {
    consecutive5xxErrors: 3,
    consecutiveGatewayErrors: 2,
    intervalMs: 1000,
    baseEjectionMs: 1000,
    maxEjectionPercent: 50,
  };

  it('ejects after consecutive 5xx for the base time, longer each time', () => {
    let now = 0;
    const od = new OutlierDetector(spec, () => now);
    for (let i = 0; i < 3; i++) od.record('a', '5xx', 4);
    assert.ok(od.isEjected('a'));
    now = 1001;
    assert.ok(!od.isEjected('a'), 'back after the base ejection time');
    for (let i = 0; i < 3; i++) od.record('a', '5xx', 4);
    now = 2500;
    assert.ok(od.isEjected('a'), 'second ejection lasts twice as long');
    now = 3002;
    assert.ok(!od.isEjected('a'));
    assert.equal(od.ejections('a'), 2);
  });

  it('counts gateway errors separately and resets on success', () => {
    const od = new OutlierDetector(spec, () => 0);
    od.record('a', '5xx', 4);
    od.record('a', '5xx', 4);
    od.record('a', 'success', 4);
    od.record('a', '5xx', 4);
    assert.ok(!od.isEjected('a'));
    od.record('b', 'gateway-error', 4);
    od.record('b', 'gateway-error', 4);
    assert.ok(od.isEjected('b'));
  });

  it('never ejects more than the allowed share, but always allows one', () => {
    const od = new OutlierDetector({ ...spec, maxEjectionPercent: 10 }, () => 0);
    for (const id of ['a', 'b']) for (let i = 0; i < 3; i++) od.record(id, '5xx', 3);
    assert.deepEqual([od.isEjected('a'), od.isEjected('b')], [true, false]);
  });
});
