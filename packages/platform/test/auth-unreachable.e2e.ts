import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningService } from '../src/bootstrap/start-service.js';
import { TestClient } from '../src/testing/http-client.js';
import { JwksServer, newTestKey, signToken } from '../src/testing/jwks-server.js';
import { startFixture } from './fixture-app.js';

describe('platform: the auth service unreachable', () => {
  const jwks = new JwksServer();
  const key = newTestKey('key-away');
  let service: RunningService;
  let api: TestClient;

  before(async () => {
    jwks.keys = [key];
    service = await startFixture(await jwks.start(), {}, 200);
    api = new TestClient(service.url);
  });
  after(() => service.shutdown('test over'));

  async function readyz() {
    const res = await api.get('/readyz');
    return { status: res.status, check: res.body.checks.authKeys };
  }

  it('verifies tokens from the cached keys and says so in /readyz, staying ready', async () => {
    const token = await signToken(key, { subject: 'member-away' });
    assert.equal((await api.get('/api/demo/notes/private', { token })).status, 200);
    assert.deepEqual(await readyz(), { status: 200, check: { ok: true } });

    await jwks.stop();
    let answer = await readyz();
    for (let i = 0; i < 40 && !answer.check.detail; i++) {
      await sleep(100);
      answer = await readyz();
    }
    assert.equal(answer.status, 200);
    assert.equal(answer.check.ok, true);
    assert.match(answer.check.detail, /auth service's keys are unreachable .* verifying with 1 key\(s\) cached/);
    const res = await api.get('/api/demo/notes/private', { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.caller.sub, 'member-away');
  });
});
