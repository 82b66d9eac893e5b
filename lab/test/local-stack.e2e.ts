import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { TestClient } from '@carebridge/platform/testing';
import { type RunningStack, startLocalStack } from '../src/local-stack.js';
import { REPO_ROOT, SERVICES } from '../src/services.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

describe('lab: the local stack behind npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-lab-'));
  const lines: string[] = [];
  let stack: RunningStack;
  let api: TestClient;

  before(async () => {
    stack = await startLocalStack({
      services: SERVICES,
      port: 0,
      dataDir,
      env: { LOG_LEVEL: 'warn' },
      log: (l) => lines.push(l),
    });
    api = new TestClient(`http://127.0.0.1:${stack.port}`);
  });
  after(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('routes a member’s sign-up, log-in and profile through the gateway', async () => {
    const member = { email: 'gw@example.com', password: 'long enough password', nickname: '게이트웨이' };
    assert.equal((await api.post('/api/auth/signup', member)).status, 201);
    const login = await api.post('/api/auth/login', { email: member.email, password: member.password });
    assert.equal(login.status, 200);
    assert.ok(
      login.headers.getSetCookie().some((c) => c.startsWith('cb_refresh=')),
      'cookies pass through',
    );
    const me = await api.get('/api/auth/me', { token: login.body.accessToken });
    assert.equal(me.body.nickname, '게이트웨이');
  });

  it('lets a member post, comment, like and report with the token auth issued; visitors read but cannot write', async () => {
    const member = { email: 'writer@example.com', password: 'long enough password', nickname: '글쓴이' };
    await api.post('/api/auth/signup', member);
    const { accessToken } = (await api.post('/api/auth/login', { email: member.email, password: member.password }))
      .body;
    const created = await api.post(
      '/api/board/posts',
      { board: 'free', title: '첫 글', body: '안녕하세요' },
      { token: accessToken },
    );
    assert.equal(created.status, 201);
    const postId = created.body.id;
    const token = { token: accessToken };
    assert.equal((await api.post(`/api/board/posts/${postId}/comments`, { body: '첫 댓글' }, token)).status, 201);
    assert.equal((await api.put(`/api/board/posts/${postId}/like`, undefined, token)).body.likeCount, 1);
    assert.equal((await api.post(`/api/board/posts/${postId}/reports`, { reason: 'spam' }, token)).status, 201);

    const read = await api.get(`/api/board/posts/${postId}`);
    assert.deepEqual([read.status, read.body.author.nickname, read.body.commentCount], [200, '글쓴이', 1]);
    assert.equal((await api.get(`/api/board/posts/${postId}/comments`)).body.items[0].body, '첫 댓글');
    const comment = (await api.get(`/api/board/posts/${postId}/comments`)).body.items[0];
    for (const [method, path, body] of [
      ['POST', '/api/board/posts', { board: 'free', title: 'x', body: 'y' }],
      ['POST', `/api/board/posts/${postId}/comments`, { body: 'x' }],
      ['PUT', `/api/board/posts/${postId}/like`, undefined],
      ['POST', `/api/board/posts/${postId}/reports`, { reason: 'spam' }],
      ['POST', `/api/board/comments/${comment.id}/reports`, { reason: 'spam' }],
    ] as const) {
      assert.equal(
        (await api.request(method, path, body === undefined ? {} : { body })).status,
        401,
        `${method} ${path}`,
      );
    }
  });

  it('shows a deleted member’s posts as a withdrawn member’s', async () => {
    const member = { email: 'leaver@example.com', password: 'long enough password', nickname: '떠날사람' };
    await api.post('/api/auth/signup', member);
    const { accessToken } = (await api.post('/api/auth/login', { email: member.email, password: member.password }))
      .body;
    const post = (
      await api.post('/api/board/posts', { board: 'qna', title: '질문', body: '내용' }, { token: accessToken })
    ).body;
    const deleted = await api.delete('/api/auth/me', { password: member.password }, { token: accessToken });
    assert.equal(deleted.status, 204);
    const withdrawn = await waitFor(
      async () => (await api.get(`/api/board/posts/${post.id}`)).body.author.nickname === '탈퇴한 회원',
    );
    assert.ok(withdrawn, 'the board forgot the author');
  });

  it('propagates the request id, or makes one', async () => {
    const res = await api.get('/api/auth/.well-known/jwks.json', { headers: { 'x-request-id': 'trace-42' } });
    assert.equal(res.headers.get('x-request-id'), 'trace-42');
    assert.ok((await api.get('/api/auth/.well-known/jwks.json')).headers.get('x-request-id'));
  });

  it('does not route probe or metrics endpoints publicly', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      const res = await api.get(path);
      assert.equal(res.status, 404, path);
      assert.equal(res.body.key, 'GATEWAY.NO_ROUTE');
    }
  });

  it('serves a page at /', async () => {
    const res = await api.get('/');
    assert.equal(res.status, 200);
    assert.match(res.body, /Carebridge/);
  });

  it('stops every replica it started', async () => {
    const pids = [...stack.replicas.values()].map((r) => r.pid as number);
    await stack.stop();
    assert.ok(await waitFor(() => pids.every((pid) => !alive(pid))));
  });
});

describe('lab: no orphans', () => {
  it('replicas shut themselves down when the lab is killed outright', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-lab-'));
    const lab = spawn(process.execPath, [join(REPO_ROOT, 'lab/dist/src/start.js')], {
      env: { ...process.env, PORT: '0', CAREBRIDGE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const pids: number[] = [];
      await new Promise<void>((resolve, reject) => {
        lab.once('exit', (code) => reject(new Error(`lab exited early with ${code}`)));
        createInterface({ input: lab.stdout }).on('line', (line) => {
          const pid = /\(pid (\d+)\)/.exec(line)?.[1];
          if (pid) pids.push(Number(pid));
          if (line.includes('Carebridge is running')) resolve();
        });
      });
      assert.equal(pids.length, SERVICES.length);
      lab.kill('SIGKILL');
      assert.ok(await waitFor(() => pids.every((pid) => !alive(pid))), 'every replica exited');
    } finally {
      lab.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
