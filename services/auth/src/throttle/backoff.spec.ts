import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterFailure, type BackoffPolicy, secondsToWait, type ThrottleState } from './backoff.js';

const policy: BackoffPolicy = { freeFailures: 5, baseSeconds: 30, maxSeconds: 900, forgetAfterSeconds: 900 };
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

function fail(times: number, state?: ThrottleState, start = 0): ThrottleState {
  let s = state;
  for (let i = 0; i < times; i++) s = afterFailure(s, at(start + i), policy);
  return s as ThrottleState;
}

describe('login back-off', () => {
  it('lets the first failures through without a wait', () => {
    const s = fail(4);
    assert.equal(s.failures, 4);
    assert.equal(secondsToWait(s, at(4)), 0);
  });

  it('waits after the free failures, doubling with each further one, up to the maximum', () => {
    const waits = [5, 6, 7, 8, 9, 10, 20].map((n) => {
      const s = fail(n);
      return Math.round(secondsToWait(s, s.lastFailureAt));
    });
    assert.deepEqual(waits, [30, 60, 120, 240, 480, 900, 900]);
  });

  it('counts down the wait as time passes', () => {
    const s = fail(5);
    assert.equal(Math.round(secondsToWait(s, at(4 + 10))), 20);
    assert.equal(secondsToWait(s, at(4 + 30)), 0);
  });

  it('forgets failures after a quiet period, but never while a wait is running', () => {
    const s = fail(3);
    assert.equal(afterFailure(s, at(2 + 901), policy).failures, 1);
    const blocked = { ...fail(10), blockedUntil: at(5000) };
    assert.equal(afterFailure(blocked, at(2000), policy).failures, 11);
  });
});
