import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '@carebridge/platform';
import { requireDatabaseServer } from '@carebridge/platform/testing';
import { BoardHarness, INTERNAL_TOKEN } from './board-harness.js';

const DIALECTS: Dialect[] = ['sqlite', 'mariadb'];

/** Who may write: a verified email, and a token issued after the account's last revocation. */
for (const dialect of DIALECTS) {
  describe(`board writers (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `board writers e2e (${dialect})`);
    const board = new BoardHarness(dialect);
    before(async () => {
      if (!missing) await board.start();
    });
    after(() => board.stop());

    const revoke = (body: unknown, token: string | null = INTERNAL_TOKEN) =>
      board.api.post('/internal/revocations', body, token ? { headers: { 'x-internal-token': token } } : {});

    it('refuses every write from an unverified email (403), while reads work', { skip: missing }, async () => {
      const author = await board.member();
      const post = await board.post(author);
      const unverified = await board.member('member', { emailVerified: false });
      const token = { token: unverified.token };
      for (const [method, path, body] of [
        ['POST', '/api/board/posts', { board: 'free', title: '제목', body: '본문' }],
        ['POST', `/api/board/posts/${post.id}/comments`, { body: '댓글' }],
        ['PUT', `/api/board/posts/${post.id}/like`, undefined],
        ['POST', `/api/board/posts/${post.id}/reports`, { reason: 'spam' }],
      ] as const) {
        const res = await board.api.request(method, path, { ...token, ...(body ? { body } : {}) });
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.equal(res.body.key, 'AUTH.EMAIL_NOT_VERIFIED');
        assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      }
      assert.equal((await board.api.get(`/api/board/posts/${post.id}`, token)).status, 200);
      assert.equal(
        (await board.api.put(`/api/board/posts/${post.id}/like`, undefined, { token: author.token })).status,
        200,
      );
    });

    it('refuses writes from tokens issued before a revocation, at once and on every write', {
      skip: missing,
    }, async () => {
      const member = await board.member();
      const post = await board.post(member);
      const notBefore = new Date(Date.now() + 1000).toISOString();
      assert.equal((await revoke({ sub: member.sub, notBefore })).status, 204);
      for (const [method, path, body] of [
        ['POST', '/api/board/posts', { board: 'free', title: '제목', body: '본문' }],
        ['PATCH', `/api/board/posts/${post.id}`, { title: '바뀐 제목' }],
        ['DELETE', `/api/board/posts/${post.id}`, undefined],
      ] as const) {
        const res = await board.api.request(method, path, { token: member.token, ...(body ? { body } : {}) });
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.equal(res.body.key, 'AUTH.TOKEN_REVOKED');
      }
      assert.equal((await board.api.get(`/api/board/posts/${post.id}`, { token: member.token })).status, 200);
      const other = await board.member();
      assert.equal((await board.post(other)).board, 'free', 'other members write on');
    });

    it('keeps the latest revocation and takes notices only with the service credential', {
      skip: missing,
    }, async () => {
      const member = await board.member();
      const later = new Date(Date.now() + 1000).toISOString();
      assert.equal((await revoke({ sub: member.sub, notBefore: later }, null)).status, 403);
      assert.equal((await revoke({ sub: member.sub, notBefore: later }, 'a-wrong-internal-token')).status, 403);
      assert.equal((await revoke({ sub: member.sub, notBefore: 'yesterday' })).status, 400);
      assert.equal((await revoke({ sub: member.sub, notBefore: later })).status, 204);
      assert.equal((await revoke({ sub: member.sub, notBefore: '2020-01-01T00:00:00.000Z' })).status, 204);
      const res = await board.api.post(
        '/api/board/posts',
        { board: 'free', title: 't', body: 'b' },
        { token: member.token },
      );
      assert.equal(res.body.key, 'AUTH.TOKEN_REVOKED', 'an older notice does not undo a newer one');
    });

    it('replays a post sent again with its Idempotency-Key, storing it once', { skip: missing }, async () => {
      const author = await board.member();
      const body = { board: 'free', title: '한 번만 저장될 글', body: '응답을 잃어버려 다시 보낸 글입니다.' };
      const headers = { 'idempotency-key': randomUUID() };
      const first = await board.api.post('/api/board/posts', body, { token: author.token, headers });
      const again = await board.api.post('/api/board/posts', body, { token: author.token, headers });
      assert.equal(first.status, 201);
      assert.deepEqual([again.status, again.body.id], [201, first.body.id]);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      const reused = await board.api.post(
        '/api/board/posts',
        { ...body, title: '다른 글' },
        { token: author.token, headers },
      );
      assert.equal(reused.status, 422);
      assert.equal(reused.body.errors[0].field, 'Idempotency-Key');
      const [{ n }] = await board.dataSource.query('SELECT COUNT(*) AS n FROM posts WHERE author_sub = ?', [
        author.sub,
      ]);
      assert.equal(Number(n), 1);
    });
  });
}
