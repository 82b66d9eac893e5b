import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProbeTracker, RestartBackoff } from './probe-tracker.js';

const spec = {
  path: '/healthz',
  periodMs: 1000,
  timeoutMs: 1000,
  failureThreshold: 3,
  successThreshold: 2,
  initialDelayMs: 0,
};

describe('probe thresholds', () => {
  it('fails only after failureThreshold failures in a row', () => {
    const liveness = new ProbeTracker(spec, true);
    assert.equal(liveness.record(false), false);
    assert.equal(liveness.record(false), false);
    assert.equal(liveness.record(true), false, 'a success resets the count');
    assert.deepEqual([liveness.record(false), liveness.record(false), liveness.record(false)], [false, false, true]);
    assert.equal(liveness.passing, false);
  });

  it('passes again only after successThreshold successes in a row', () => {
    const readiness = new ProbeTracker(spec, false);
    assert.equal(readiness.record(true), false);
    assert.equal(readiness.record(true), true);
    assert.equal(readiness.passing, true);
  });
});

describe('restart back-off', () => {
  it('doubles from the base up to the cap, and resets after a long run', () => {
    const backoff = new RestartBackoff(10, 50, 1000);
    assert.deepEqual(
      [backoff.next(1), backoff.next(1), backoff.next(1), backoff.next(1), backoff.next(1)],
      [10, 20, 40, 50, 50],
    );
    assert.equal(backoff.next(1000), 10);
  });
});
