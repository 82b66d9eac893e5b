import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lifecycle, probeAnswer, STALE_LIMIT_MS } from './lifecycle.js';

describe('Lifecycle', () => {
  it('is ready when every check passes and names the one that fails', async () => {
    const lifecycle = new Lifecycle();
    lifecycle.addReadinessCheck('database', async () => {});
    assert.deepEqual(await lifecycle.readiness(), { ready: true, checks: { database: { ok: true } } });
    lifecycle.addReadinessCheck('cache', async () => {
      throw new Error('connection refused');
    });
    const report = await lifecycle.readiness();
    assert.equal(report.ready, false);
    assert.deepEqual(report.checks.cache, { ok: false, error: 'connection refused' });
  });

  it('stops being ready as soon as shutdown begins', async () => {
    const lifecycle = new Lifecycle();
    lifecycle.beginShutdown();
    const report = await lifecycle.readiness();
    assert.equal(report.ready, false);
    assert.equal(report.checks.shutdown?.ok, false);
  });
});

describe('probeAnswer', () => {
  const ok = (at: number) => ({ ok: true, at });
  const failed = (at: number) => ({ ok: false, error: 'connection refused', at });

  it('answers with a fresh result when the check finished within the budget', () => {
    assert.deepEqual(probeAnswer(ok(10), failed(0), 5, 10), { ok: true });
    assert.deepEqual(probeAnswer(failed(10), ok(0), 5, 10), { ok: false, error: 'connection refused' });
  });

  it('keeps a replica ready through one slow check, from its last result', () => {
    assert.deepEqual(probeAnswer(undefined, ok(1_000), 9_000, 9_500), { ok: true, stale: true });
  });

  it('turns unready once the last result is older than the stale limit', () => {
    const answer = probeAnswer(undefined, ok(0), 15_000, STALE_LIMIT_MS + 1);
    assert.equal(answer.ok, false);
    assert.match(answer.error ?? '', /no answer after/);
  });
});

describe('Lifecycle with a slow check', () => {
  it('answers within its budget and runs one check at a time', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const lifecycle = new Lifecycle(Date.now, 20);
    lifecycle.addReadinessCheck('database', () => {
      calls++;
      return calls === 1 ? Promise.resolve() : new Promise<void>((r) => (release = r));
    });
    assert.equal((await lifecycle.readiness()).ready, true);
    const started = Date.now();
    const [a, b] = await Promise.all([lifecycle.readiness(), lifecycle.readiness()]);
    assert.ok(Date.now() - started < 500, 'the probe did not wait for the slow query');
    assert.deepEqual(a.checks.database, { ok: true, stale: true });
    assert.deepEqual(b.checks.database, { ok: true, stale: true });
    assert.equal(calls, 2, 'the second probe joined the running check');
    release();
  });
});
