import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningService } from '../src/bootstrap/start-service.js';
import { TestClient } from '../src/testing/http-client.js';
import { JwksServer, newTestKey, signToken } from '../src/testing/jwks-server.js';
import { startFixture } from './fixture-app.js';

describe('platform: a service built on PlatformModule', () => {
  const jwks = new JwksServer();
  const key = newTestKey('key-1');
  let service: RunningService;
  let api: TestClient;

  before(async () => {
    jwks.keys = [key];
    service = await startFixture(await jwks.start());
    api = new TestClient(service.url);
  });
  after(async () => {
    await service.shutdown('test over');
    await jwks.stop();
  });

  describe('probes and metrics', () => {
    it('answers liveness and readiness outside the API prefix', async () => {
      assert.deepEqual((await api.get('/healthz')).body, { status: 'ok' });
      const ready = await api.get('/readyz');
      assert.equal(ready.status, 200);
      assert.equal(ready.body.ready, true);
      assert.equal((await api.get('/api/demo/healthz')).status, 404);
    });

    it('exposes process metrics and request durations by route template', async () => {
      await api.get('/api/demo/notes/slow?ms=1');
      const text = (await api.get('/metrics')).body as string;
      assert.match(text, /process_cpu_user_seconds_total/);
      assert.match(
        text,
        /http_request_duration_seconds_count\{[^}]*route="\/api\/demo\/notes\/slow"[^}]*status_code="200"/,
      );
      assert.doesNotMatch(text, /ms=1/);
    });

    it('echoes a sane x-request-id and makes one up otherwise', async () => {
      const echoed = await api.get('/healthz', { headers: { 'x-request-id': 'abc-123' } });
      assert.equal(echoed.headers.get('x-request-id'), 'abc-123');
      const made = await api.get('/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
      assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    });

    it('serves the OpenAPI document under the API prefix', async () => {
      const doc = await api.get('/api/demo/docs/openapi.json');
      assert.equal(doc.status, 200);
      assert.ok(doc.body.paths['/api/demo/notes']);
      assert.equal(doc.body.paths['/healthz'], undefined);
    });
  });

  describe('problems', () => {
    it('answers validation errors with 400 problem+json naming each field', async () => {
      const res = await api.post(
        '/api/demo/notes',
        { title: '', stars: 9, color: 'red' },
        { token: await signToken(key) },
      );
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(res.body.key, 'REQUEST.VALIDATION_FAILED');
      assert.deepEqual([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort(), [
        'color',
        'stars',
        'title',
      ]);
      assert.equal(res.body.instance, '/api/demo/notes');
    });

    it('answers malformed JSON with 400, not 500', async () => {
      const res = await api.post('/api/demo/notes', '{"title": ', { token: await signToken(key) });
      assert.equal(res.status, 400);
      assert.equal(res.body.detail, 'The request body is not valid JSON.');
    });

    it('keeps the key and field of an expected failure', async () => {
      const res = await api.get('/api/demo/notes/conflict');
      assert.equal(res.status, 409);
      assert.equal(res.body.key, 'DEMO.TAKEN');
      assert.deepEqual(res.body.errors, [{ field: 'title', message: 'Already taken.' }]);
    });

    it('hides the internals of an unexpected error', async () => {
      const res = await api.get('/api/demo/notes/boom');
      assert.equal(res.status, 500);
      assert.equal(res.body.key, 'INTERNAL');
      assert.doesNotMatch(JSON.stringify(res.body), /secret internal detail/);
      assert.ok(res.body.requestId);
    });

    it('answers unknown routes with a 404 problem', async () => {
      const res = await api.get('/api/demo/nothing-here');
      assert.equal(res.status, 404);
      assert.equal(res.body.status, 404);
    });
  });

  describe('pagination query', () => {
    it('defaults the limit and converts it from the query string', async () => {
      assert.deepEqual((await api.get('/api/demo/notes/page')).body, { limit: 20 });
      assert.deepEqual((await api.get('/api/demo/notes/page?limit=5&cursor=abc')).body, { limit: 5, cursor: 'abc' });
    });

    it('refuses limits outside 1–50 by name', async () => {
      for (const limit of ['0', '51', 'ten', '2.5']) {
        const res = await api.get(`/api/demo/notes/page?limit=${limit}`);
        assert.equal(res.status, 400, limit);
        assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field)[0], 'limit');
      }
    });
  });

  describe('internal routes', () => {
    it('need the service credential, not a member token', async () => {
      const path = '/internal/authors/u-1';
      assert.equal((await api.delete(path)).status, 403);
      assert.equal(
        (await api.delete(path, undefined, { token: await signToken(key, { claims: { role: 'admin' } }) })).status,
        403,
      );
      assert.equal(
        (await api.delete(path, undefined, { headers: { 'x-internal-token': 'wrong-secret-of-same-size!' } })).status,
        403,
      );
      const ok = await api.delete(path, undefined, { headers: { 'x-internal-token': 'internal-secret-for-tests' } });
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.body, { forgotten: 'u-1' });
    });

    it('live outside the public prefix', async () => {
      const res = await api.delete('/api/demo/internal/authors/u-1', undefined, {
        headers: { 'x-internal-token': 'internal-secret-for-tests' },
      });
      assert.equal(res.status, 404);
    });
  });

  describe('access tokens checked against a remote JWKS', () => {
    it('lets anonymous callers through public routes only', async () => {
      assert.deepEqual((await api.get('/api/demo/notes/public')).body, { caller: null });
      const closed = await api.get('/api/demo/notes/private');
      assert.equal(closed.status, 401);
      assert.equal(closed.body.key, 'AUTH.TOKEN_REQUIRED');
      assert.equal(closed.headers.get('www-authenticate'), 'Bearer');
    });

    it('identifies the caller from a valid token', async () => {
      const token = await signToken(key, {
        subject: 'u-7',
        claims: { nickname: '간호사', hospitalId: 'H1', jobCategory: 'nurse', memberSince: '2026-01-02T03:04:05.000Z' },
      });
      const res = await api.get('/api/demo/notes/private', { token });
      assert.deepEqual(res.body.caller, {
        sub: 'u-7',
        nickname: '간호사',
        role: 'member',
        hospitalId: 'H1',
        jobCategory: 'nurse',
        insiderVerified: false,
        emailVerified: true,
        memberSince: '2026-01-02T03:04:05.000Z',
      });
    });

    it('treats a token without the newer claims as unverified and new, and refuses its writes', async () => {
      const token = await signToken(key, { claims: { emailVerified: undefined, memberSince: undefined } });
      const caller = (await api.get('/api/demo/notes/private', { token })).body.caller;
      assert.equal(caller.emailVerified, false);
      assert.ok(Date.now() - Date.parse(caller.memberSince) < 60_000, 'member since the token was issued');
      const write = await api.post('/api/demo/notes', { title: 'x' }, { token });
      assert.equal(write.status, 403);
      assert.equal(write.body.key, 'AUTH.EMAIL_NOT_VERIFIED');
    });

    it('refuses expired, foreign-audience, foreign-issuer and tampered tokens', async () => {
      const bad = [
        await signToken(key, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
        await signToken(key, { audience: 'someone-else' }),
        await signToken(key, { issuer: 'someone-else' }),
        `${(await signToken(key)).slice(0, -4)}AAAA`,
        await signToken(newTestKey('key-1')),
      ];
      for (const token of bad) {
        const res = await api.get('/api/demo/notes/private', { token });
        assert.equal(res.status, 401, token);
        assert.equal(res.body.key, 'AUTH.INVALID_TOKEN');
      }
    });

    it('refuses unsigned tokens (alg none)', async () => {
      const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const exp = Math.floor(Date.now() / 1000) + 300;
      const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'x', nickname: 'x', role: 'admin', iss: 'test-issuer', aud: 'test-audience', exp, iat: exp - 300 })}.`;
      assert.equal((await api.get('/api/demo/notes/admin', { token })).status, 401);
    });

    it('enforces roles', async () => {
      assert.equal((await api.get('/api/demo/notes/admin', { token: await signToken(key) })).status, 403);
      const admin = await signToken(key, { claims: { role: 'admin' } });
      assert.equal((await api.get('/api/demo/notes/admin', { token: admin })).status, 200);
    });

    it('fetches the key set again when a token names an unknown key (rotation)', async () => {
      const rotated = newTestKey('key-2');
      jwks.keys = [rotated, key];
      const before = jwks.fetches;
      const res = await api.get('/api/demo/notes/private', { token: await signToken(rotated) });
      assert.equal(res.status, 200);
      assert.equal(jwks.fetches, before + 1);
    });
  });
});

describe('platform: graceful shutdown', () => {
  it('turns readiness false first, then lets in-flight requests finish', async () => {
    const jwks = new JwksServer();
    const service = await startFixture(await jwks.start(), { SHUTDOWN_DELAY_MS: '300' });
    const api = new TestClient(service.url);
    try {
      const inFlight = api.get('/api/demo/notes/slow?ms=600');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stopping = service.shutdown('test');
      const readiness = await api.get('/readyz');
      assert.equal(readiness.status, 503);
      assert.equal(readiness.body.checks.shutdown.ok, false);
      const finished = await inFlight;
      assert.equal(finished.status, 200);
      assert.deepEqual(finished.body, { waited: 600 });
      await stopping;
      await assert.rejects(api.get('/healthz'));
    } finally {
      await service.shutdown();
      await jwks.stop();
    }
  });
});
