import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestClient } from '@carebridge/platform/testing';
import { Cluster } from '../src/cluster.js';
import { authStore, mailedCode, rawRequest } from './support.js';

const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))];

/**
 * The attacks of issue 15 ("the gateway and the lab API", "no 500 on hostile input"), each sent
 * through the gateway as a stranger would, against the real service processes; each beside the
 * legitimate request it must not break.
 */
describe('hostile input through the gateway', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-hostile-'));
  let cluster: Cluster;
  let api: TestClient;
  let port: number;
  let token: string;
  let postId: string;
  let hospitalId: string;

  before(async () => {
    // Many writes as one brand-new member: the per-member write limits are the voices suite's subject.
    cluster = await Cluster.start({
      port: 0,
      dataDir,
      replicas: 1,
      env: { LOG_LEVEL: 'warn', WRITE_LIMIT_FACTOR: '100' },
      log: () => {},
    });
    port = cluster.port;
    api = new TestClient(`http://127.0.0.1:${port}`);
    const hospital = (await api.get(`/api/hospitals?q=${encodeURIComponent('서울대학교병원')}`)).body.items[0];
    hospitalId = hospital.id;
    const member = {
      email: 'member@example.com',
      password: 'long enough password',
      nickname: '야간근무',
      hospitalId,
      jobCategory: 'nurse',
    };
    assert.equal((await api.post('/api/auth/signup', member)).status, 202);
    token = (await api.post('/api/auth/login', { email: member.email, password: member.password })).body.accessToken;
    await api.post('/api/auth/email/verification', undefined, { token });
    const code = mailedCode(authStore(dataDir), member.email);
    assert.equal((await api.post('/api/auth/email/verify', { code }, { token })).status, 200);
    // A token issued after the verification carries emailVerified, which writing needs.
    token = (await api.post('/api/auth/login', { email: member.email, password: member.password })).body.accessToken;
    const post = await api.post('/api/board/posts', { board: 'free', title: '제목', body: '본문' }, { token });
    assert.equal(post.status, 201, JSON.stringify(post.body));
    postId = post.body.id;
  });
  after(async () => {
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('the gateway routes only normalised paths', () => {
    it('never lets .. or %2e%2e step from a public prefix onto /internal or a replica’s /lab/fault', async () => {
      const sub = 'any-member';
      for (const [method, path] of [
        ['DELETE', `/api/board/../../internal/authors/${sub}`],
        ['DELETE', `/api/board/posts/../../../internal/authors/${sub}`],
        ['DELETE', `/api/hospitals/%2e%2e/%2e%2e/internal/authors/${sub}`],
        ['DELETE', `/api/hospitals/%2E%2E/%2E%2E/%2E%2E/internal/authors/${sub}`],
        ['DELETE', `/api/board/..%2f..%2finternal/authors/${sub}`],
        ['DELETE', `/api/board/..\\..\\internal/authors/${sub}`],
        ['PUT', '/api/x/../../lab/fault'],
        ['PUT', '/api/board/../../lab/fault'],
        ['PUT', '/api/board/%2e%2e/%2e%2e/lab/fault'],
        ['PUT', '//api/board/../..//lab/fault'],
        ['DELETE', `/internal/authors/${sub}`],
        ['PUT', '/lab/fault'],
      ] as const) {
        const res = await rawRequest(port, path, {
          method,
          body: '{"mode":"error"}',
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(res.headers['x-lab-replica'], undefined, `${method} ${path} reached a replica`);
        assert.ok([400, 404, 405].includes(res.status), `${method} ${path}: ${res.status}`);
        if (res.status !== 405) assert.equal(res.headers['content-type'], 'application/problem+json', path);
      }
      // Still no replica in error mode, and the post is still its author's.
      const read = await api.get(`/api/board/posts/${postId}`);
      assert.deepEqual([read.status, read.body.author.nickname], [200, '야간근무']);
    });

    it('refuses with 400 what cannot be normalised, naming why', async () => {
      for (const path of ['/api/board/%2fposts', '/api/board/posts%5c', '/api/board/%zz', '/..', '/api/../../x']) {
        const res = await rawRequest(port, path);
        assert.equal(res.status, 400, path);
        assert.equal(JSON.parse(res.body).key, 'GATEWAY.BAD_PATH', path);
      }
    });

    it('still serves the normalised form of a legitimate path', async () => {
      for (const path of ['/api/board/./posts', '//api//board/posts', '/api/board/x/../posts', '/api/%62oard/posts']) {
        const res = await rawRequest(port, path);
        assert.equal(res.status, 200, path);
        assert.ok(res.headers['x-lab-replica'], path);
      }
    });
  });

  describe('the lab’s control API', () => {
    it('listens on loopback only unless asked otherwise', () => {
      assert.equal(cluster.gatewayAddress?.address, '127.0.0.1');
    });

    it('refuses every write without the start-up token, and keeps reads open', async () => {
      const replica = cluster.services.get('board')?.replicas.ready()[0]?.id as string;
      const writes: [string, unknown][] = [
        ['/lab/api/load', { level: 1 }],
        [`/lab/api/services/board/replicas/${replica}/kill`, {}],
        [`/lab/api/services/board/replicas/${replica}/fault`, { mode: 'error' }],
        ['/lab/api/services/board/policy', { policy: 'RANDOM' }],
        ['/lab/api/services/board/autoscaler', { mode: 'off' }],
        ['/lab/api/services/board/rollout', {}],
      ];
      for (const [path, body] of writes) {
        for (const options of [{}, { token: 'guessed' }, { headers: { authorization: cluster.controlToken } }]) {
          const res = await api.post(path, body, options);
          assert.equal(res.status, 401, `${path} with ${JSON.stringify(options)}`);
          assert.equal(res.body.key, 'LAB.TOKEN_REQUIRED');
        }
      }
      assert.equal((await api.get('/lab/api/state')).status, 200);
      assert.equal((await api.get('/lab/api/load')).status, 200);
      const fault = await api.get('/api/board/posts?limit=1');
      assert.equal(fault.status, 200, 'the unauthenticated fault did nothing');

      const allowed = await api.post(
        '/lab/api/services/board/policy',
        { policy: 'ROUND_ROBIN' },
        {
          token: cluster.controlToken,
        },
      );
      assert.deepEqual([allowed.status, allowed.body.policy], [200, 'ROUND_ROBIN']);
    });
  });

  describe('no 500 on hostile input', () => {
    const deep = (levels: number) => `{"title":${'['.repeat(levels)}${']'.repeat(levels)}}`;

    it('refuses JSON nested deeper than 64 levels before parsing it, on every service', async () => {
      for (const path of ['/api/auth/signup', '/api/board/posts', `/api/hospitals/${hospitalId}/reviews`]) {
        const res = await api.post(path, deep(20_000), { token });
        assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body).slice(0, 200)}`);
        assert.equal(res.body.key, 'REQUEST.TOO_DEEP');
      }
      const shallow = await api.post('/api/board/posts', deep(10), { token });
      assert.deepEqual(
        [shallow.status, shallow.body.key],
        [400, 'REQUEST.VALIDATION_FAILED'],
        'parsed, then validated',
      );
      assert.ok(fields(shallow.body).includes('title'));
    });

    it('answers a null title or body on PATCH with 400 naming the field; a real edit still works', async () => {
      for (const field of ['title', 'body']) {
        const res = await api.patch(`/api/board/posts/${postId}`, { [field]: null }, { token });
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.deepEqual(fields(res.body), [field]);
      }
      const edited = await api.patch(`/api/board/posts/${postId}`, { title: '고친 제목' }, { token });
      assert.deepEqual([edited.status, edited.body.title], [200, '고친 제목']);
    });

    it('refuses lone surrogates and NUL characters in any string, naming the field', async () => {
      const signup = await api.post('/api/auth/signup', {
        email: 'x\ud800@example.com',
        password: 'long enough password',
        nickname: '서로게이트',
      });
      assert.deepEqual([signup.status, fields(signup.body)], [400, ['email']]);
      const nul = await api.post('/api/board/posts', { board: 'free', title: 'a\u0000b', body: 'ok' }, { token });
      assert.deepEqual([nul.status, fields(nul.body)], [400, ['title']]);
      const inQuery = await api.get(`/api/hospitals?q=${encodeURIComponent('서울\u0000')}`);
      assert.deepEqual([inQuery.status, fields(inQuery.body)], [400, ['q']]);
      const fine = await api.post('/api/board/posts', { board: 'free', title: '이모지 😀', body: '본문' }, { token });
      assert.equal(fine.status, 201, 'a surrogate pair is just an emoji');
    });

    it('treats a malformed refresh cookie as no session (401), while a real one still refreshes', async () => {
      const bad = await api.post('/api/auth/refresh', undefined, { headers: { cookie: 'cb_refresh=%zz' } });
      assert.equal(bad.status, 401, JSON.stringify(bad.body));
      const login = await api.post('/api/auth/login', {
        email: 'member@example.com',
        password: 'long enough password',
      });
      const cookie = (login.headers.getSetCookie().find((c) => c.startsWith('cb_refresh=')) ?? '').split(';')[0];
      const good = await api.post('/api/auth/refresh', undefined, { headers: { cookie: cookie as string } });
      assert.equal(good.status, 200);
    });

    it('refuses bodies that are not JSON with 415 and leaves the post untouched', async () => {
      const before = (await api.get(`/api/board/posts/${postId}`)).body;
      for (const [type, body] of [
        ['text/plain', '{"title":"plain"}'],
        ['application/x-www-form-urlencoded', 'title=form'],
        ['multipart/form-data; boundary=x', '--x\r\ncontent-disposition: form-data; name="title"\r\n\r\nm\r\n--x--'],
      ]) {
        const res = await api.patch(`/api/board/posts/${postId}`, body, { token, headers: { 'content-type': type } });
        assert.deepEqual([res.status, res.body.key], [415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'], type);
      }
      const after = (await api.get(`/api/board/posts/${postId}`)).body;
      assert.deepEqual([after.title, after.updatedAt], [before.title, before.updatedAt]);
    });

    it('refuses __proto__, constructor and prototype keys as unknown fields', async () => {
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const body = `{"board":"free","title":"t","body":"b","${key}":{"isAdmin":true}}`;
        const res = await api.post('/api/board/posts', body, { token });
        assert.equal(res.status, 400, key);
        assert.ok(fields(res.body).includes(key), `${key}: ${JSON.stringify(res.body)}`);
      }
    });

    it('refuses forged and garbled board cursors as hospital does, and follows real ones', async () => {
      const forged = Buffer.from(JSON.stringify(['not a time', 'x'])).toString('base64url');
      for (const cursor of [forged, '%%%', 'bm90IGpzb24', Buffer.from('[1,2,3]').toString('base64url')]) {
        for (const path of [
          `/api/board/posts?cursor=${encodeURIComponent(cursor)}`,
          `/api/board/posts?sort=popular&cursor=${encodeURIComponent(cursor)}`,
          `/api/board/posts/${postId}/comments?cursor=${encodeURIComponent(cursor)}`,
          // A hospital list sorted by name resumes after any two strings; its other cursors are checked.
          ...(cursor === forged ? [] : [`/api/hospitals?cursor=${encodeURIComponent(cursor)}`]),
        ]) {
          const res = await api.get(path);
          assert.deepEqual([res.status, fields(res.body)], [400, ['cursor']], path);
        }
      }
      await api.post('/api/board/posts', { board: 'free', title: '둘째', body: '본문' }, { token });
      const first = await api.get('/api/board/posts?limit=1');
      assert.ok(first.body.nextCursor);
      const next = await api.get(`/api/board/posts?limit=1&cursor=${first.body.nextCursor}`);
      assert.equal(next.status, 200);
      assert.notEqual(next.body.items[0].id, first.body.items[0].id);
    });

    it('takes only plain decimal integers as limit', async () => {
      for (const limit of ['0x10', '1e1', '+5', ' 5', '', '5.0', '0b1']) {
        for (const path of ['/api/board/posts', '/api/hospitals']) {
          const res = await api.get(`${path}?limit=${encodeURIComponent(limit)}`);
          assert.deepEqual([res.status, fields(res.body)], [400, ['limit']], `${path} limit=${limit}`);
        }
      }
      const ok = await api.get('/api/hospitals?limit=5');
      assert.deepEqual([ok.status, ok.body.items.length], [200, 5]);
    });
  });
});
