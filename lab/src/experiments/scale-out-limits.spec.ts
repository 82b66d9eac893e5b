import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scalingVerdict } from './scale-out-limits.js';

const steps = (...p99s: number[]) => p99s.map((p99, i) => ({ replicas: i + 1, p99 }));
const passed = (verdict: ReturnType<typeof scalingVerdict>) => verdict.map((e) => e.passed);

describe('scalingVerdict', () => {
  // Two services at 500m each: a step of n replicas each holds n × 1000m; two cores fit up to 2.
  it('passes when p99 falls until the limits fill the cores and stays under the target after', () => {
    assert.deepEqual(passed(scalingVerdict(steps(2637, 7.7, 11.8, 15.3), 1000, 2)), [true, true]);
  });

  it('fails when a replica added within the cores makes p99 rise', () => {
    const verdict = scalingVerdict(steps(40, 55, 12, 12), 500, 2);
    assert.deepEqual(passed(verdict), [false, true]);
    assert.equal(verdict[0]?.detail, '1: 40 ms, 2: 55 ms, 3: 12 ms, 4: 12 ms');
  });

  it('fails when replicas past the cores take p99 above the target', () => {
    assert.deepEqual(passed(scalingVerdict(steps(900, 20, 450, 20), 1000, 2)), [true, false]);
  });

  it('needs two steps within the cores to see a fall', () => {
    assert.deepEqual(passed(scalingVerdict(steps(10, 9), 1000, 1)), [false, true]);
  });
});
