import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Histogram } from './histogram.js';
import { seededRandom } from './seeded-random.js';

/** Nearest-rank percentile of a sorted array: the ⌈p/100 × n⌉-th smallest value. */
function oracle(sorted: number[], p: number): number {
  if (p <= 0) return sorted[0] as number;
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
}

const PERCENTILES = [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

function check(values: number[], label: string): void {
  const h = new Histogram();
  for (const v of values) h.record(v);
  const sorted = [...values].sort((a, b) => a - b);
  for (const p of PERCENTILES) {
    const expected = oracle(sorted, p);
    const got = h.percentile(p);
    // Within the bucket's width (1/128 of the value) plus the microsecond rounding, never below.
    assert.ok(got >= expected - 0.0005, `${label} p${p}: ${got} under-reports ${expected}`);
    assert.ok(got - expected <= expected / 128 + 0.001, `${label} p${p}: ${got} too far from ${expected}`);
  }
  assert.equal(h.count, values.length);
  assert.equal(h.max(), sorted.at(-1));
  assert.equal(h.min(), sorted[0]);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  assert.ok(Math.abs(h.mean() - mean) <= Math.abs(mean) * 1e-9, `${label} mean ${h.mean()} vs ${mean}`);
}

describe('Histogram', () => {
  const random = seededRandom(42);

  it('matches a sorted-array oracle on uniform latencies (0–1000 ms)', () => {
    check(
      Array.from({ length: 50_000 }, () => random() * 1000),
      'uniform',
    );
  });

  it('matches the oracle on a long-tailed (log-normal) distribution', () => {
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    check(
      Array.from({ length: 50_000 }, () => Math.exp(1.5 + 1.2 * normal())),
      'log-normal',
    );
  });

  it('matches the oracle on sub-millisecond values and a few huge outliers', () => {
    const values = Array.from({ length: 20_000 }, () => random() * 0.8);
    for (let i = 0; i < 30; i++) values.push(30_000 + random() * 60_000);
    check(values, 'mixed');
  });

  it('keeps values under 256 µs exact', () => {
    const h = new Histogram();
    for (let us = 0; us < 256; us++) h.record(us / 1000);
    for (const p of [1, 50, 99]) {
      const rank = Math.ceil((p / 100) * 256);
      assert.equal(h.percentile(p), (rank - 1) / 1000);
    }
  });

  it('merges: two histograms merged answer as one that saw every value', () => {
    const a = new Histogram();
    const b = new Histogram();
    const all = new Histogram();
    for (let i = 0; i < 10_000; i++) {
      const v = random() * (i % 2 ? 50 : 500);
      (i % 2 ? a : b).record(v);
      all.record(v);
    }
    a.merge(b);
    assert.equal(a.count, all.count);
    for (const p of PERCENTILES) assert.equal(a.percentile(p), all.percentile(p), `p${p}`);
    assert.equal(a.max(), all.max());
    assert.ok(Math.abs(a.mean() - all.mean()) < 1e-9);
  });

  it('answers 0 when empty, ignores non-finite values, clamps beyond its range but keeps the exact max', () => {
    const h = new Histogram();
    assert.deepEqual(h.summary(), { p50: 0, p90: 0, p95: 0, p99: 0, max: 0, mean: 0 });
    h.record(Number.NaN);
    h.record(Number.POSITIVE_INFINITY);
    assert.equal(h.count, 0);
    h.record(10 * 60 * 60 * 1000); // ten hours
    h.record(-5);
    assert.equal(h.count, 2);
    assert.equal(h.max(), 36_000_000);
    assert.equal(h.min(), 0);
    assert.ok(h.percentile(100) <= 36_000_000);
    assert.ok(h.percentile(100) >= 4_000_000, 'the top bucket still reports a huge value');
  });

  it('reset empties it', () => {
    const h = new Histogram();
    h.record(5);
    h.reset();
    assert.equal(h.count, 0);
    assert.equal(h.percentile(99), 0);
  });
});
