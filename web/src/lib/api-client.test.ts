import { describe, expect, it } from 'vitest';
import { json, member, mockApi, signInAs } from '../testing/render';
import { ApiError, api, withQuery } from './api-client';
import { session } from './session';

describe('api client', () => {
  it('leaves empty query values out', () => {
    expect(withQuery('/api/x', { q: '서울', sort: undefined, cursor: null, board: '' })).toBe(
      `/api/x?q=${encodeURIComponent('서울')}`,
    );
  });

  it('sends the in-memory access token', async () => {
    signInAs(member());
    const calls = mockApi({ 'GET /api/board/posts': () => json({ items: [], nextCursor: null }) });
    await api('/api/board/posts');
    expect(calls[0]?.headers.authorization).toBe('Bearer token');
  });

  it('renews the token through the refresh cookie once on a 401, then retries', async () => {
    signInAs(member());
    let first = true;
    const calls = mockApi({
      'GET /api/auth/me': () => {
        if (first) {
          first = false;
          return json({ key: 'AUTH.INVALID_TOKEN', status: 401, title: 'Unauthorized', type: 'x' }, 401);
        }
        return json(member({ nickname: '갱신됨' }));
      },
      'POST /api/auth/refresh': () =>
        json({ accessToken: 'fresh', tokenType: 'Bearer', expiresIn: 900, user: member() }),
    });
    const me = await api<{ nickname: string }>('/api/auth/me');
    expect(me.nickname).toBe('갱신됨');
    expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual([
      'GET /api/auth/me',
      'POST /api/auth/refresh',
      'GET /api/auth/me',
    ]);
    expect(calls[2]?.headers.authorization).toBe('Bearer fresh');
  });

  it('renews the token once on a 403 a newer token may not get (revoked, email verified since)', async () => {
    signInAs(member());
    let first = true;
    const calls = mockApi({
      'POST /api/board/posts': () => {
        if (first) {
          first = false;
          return json({ key: 'AUTH.TOKEN_REVOKED', status: 403, title: 'Forbidden', type: 'x' }, 403);
        }
        return json({ id: 'p1' }, 201);
      },
      'POST /api/auth/refresh': () =>
        json({ accessToken: 'fresh', tokenType: 'Bearer', expiresIn: 900, user: member() }),
    });
    await api('/api/board/posts', { method: 'POST', body: {} });
    expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual([
      'POST /api/board/posts',
      'POST /api/auth/refresh',
      'POST /api/board/posts',
    ]);
  });

  it('does not renew the token on other 403 answers', async () => {
    signInAs(member());
    const calls = mockApi({
      'DELETE /api/board/posts/p1': () =>
        json({ key: 'BOARD.NOT_YOUR_POST', status: 403, title: 'Forbidden', type: 'x' }, 403),
    });
    await expect(api('/api/board/posts/p1', { method: 'DELETE' })).rejects.toMatchObject({ status: 403 });
    expect(calls).toHaveLength(1);
  });

  it('signs out when the refresh cookie is refused', async () => {
    signInAs(member());
    mockApi({
      'GET /api/auth/me': () => json({ key: 'AUTH.INVALID_TOKEN', status: 401, title: 'x', type: 'x' }, 401),
      'POST /api/auth/refresh': () =>
        json({ key: 'AUTH.INVALID_REFRESH_TOKEN', status: 401, title: 'x', type: 'x' }, 401),
    });
    await expect(api('/api/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(session.user).toBeNull();
    expect(session.accessToken).toBeNull();
  });

  it('turns problem documents into ApiErrors with field errors', async () => {
    mockApi({
      'POST /api/board/posts': () =>
        json(
          {
            key: 'REQUEST.VALIDATION_FAILED',
            status: 400,
            title: 'Bad Request',
            type: 'x',
            errors: [{ field: 'title', message: 'should not be empty' }],
          },
          400,
        ),
    });
    const error = await api('/api/board/posts', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors).toEqual([{ field: 'title', message: 'should not be empty' }]);
    expect((error as ApiError).retryable).toBe(false);
  });

  it('reports a network failure as status 0, worth a retry', async () => {
    mockApi({});
    const { vi } = await import('vitest');
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = (await api('/api/board/posts').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.retryable).toBe(true);
  });

  it('sends one Idempotency-Key per write and the same key when it sends the write again', async () => {
    signInAs(member());
    let answers = 0;
    const calls = mockApi({
      'POST /api/board/posts': () =>
        ++answers === 1
          ? json({ key: 'GATEWAY.NO_READY_REPLICA', status: 503, title: 'Service Unavailable', type: 'x' }, 503)
          : json({ id: `p${answers}` }, 201),
      'GET /api/board/posts': () => json({ items: [], nextCursor: null }),
    });
    await api('/api/board/posts', { method: 'POST', body: { title: 'a' } });
    await api('/api/board/posts', { method: 'POST', body: { title: 'b' } });
    await api('/api/board/posts');
    const keys = calls.map((c) => c.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[3]).toBeUndefined();
  });
});
