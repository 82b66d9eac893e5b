import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JwksServer, newTestKey, signToken } from '../testing/jwks-server.js';
import { jwksReadinessDetail } from './cached-jwks.js';
import { JwtVerifier } from './token-verifier.js';

const options = { issuer: 'test-issuer', audience: 'test-audience' };

describe('token verification while the key server is away', () => {
  it('keeps verifying from the cached keys and reports the outage', async () => {
    const server = new JwksServer();
    const key = newTestKey('k1');
    server.keys = [key];
    const url = await server.start();
    const verifier = JwtVerifier.remote(url, options, { cooldownMs: 0 });
    const token = await signToken(key, { subject: 'member-1' });
    assert.equal((await verifier.verify(token)).caller.sub, 'member-1');
    const jwks = verifier.jwks;
    assert.ok(jwks);
    assert.equal(jwksReadinessDetail(jwks.status(), Date.now()), undefined);

    await server.stop();
    await jwks.refresh();
    assert.equal((await verifier.verify(token)).caller.sub, 'member-1');
    const status = jwks.status();
    assert.ok(status.failingSince !== undefined);
    assert.match(jwksReadinessDetail(status, Date.now()) ?? '', /unreachable .*verifying with 1 key\(s\) cached/);
    // A key it has never seen cannot be verified until the server is back.
    await assert.rejects(verifier.verify(await signToken(newTestKey('k2'))));
  });

  it('says no token can be verified when the keys were never fetched', () => {
    const detail = jwksReadinessDetail({ keys: 0, fetchedAt: undefined, failingSince: 0, error: 'refused' }, 5_000);
    assert.equal(
      detail,
      "the auth service's keys are unreachable for 5 s (refused); no keys cached yet, so tokens cannot be verified",
    );
  });
});
