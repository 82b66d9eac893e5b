import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lifecycle } from './lifecycle.js';

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
