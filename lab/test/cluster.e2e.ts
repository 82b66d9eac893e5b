import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { TestClient } from '@carebridge/platform/testing';
import { Cluster } from '../src/cluster.js';
import { REPO_ROOT } from '../src/services.js';
import { authStore, mailedCode, writerToken } from './support.js';

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

describe('lab: the product behind npm start, run from the manifests', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-lab-'));
  const lines: string[] = [];
  let cluster: Cluster;
  let api: TestClient;

  /** Signs up, confirms the email and signs in: a token that may write. */
  const writer = (member: Record<string, unknown>) => writerToken(api, authStore(dataDir), member);

  before(async () => {
    cluster = await Cluster.start({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      // The journeys sign up many members from one address; the limit itself is tested in
      // accounts-attacks.e2e.ts.
      env: { LOG_LEVEL: 'warn', SIGNUP_MAX_PER_ADDRESS: '100' },
      log: (l) => lines.push(l),
    });
    api = new TestClient(`http://127.0.0.1:${cluster.port}`);
  });
  after(async () => {
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs each service with its HPA's minimum replicas, all ready", async () => {
    const state = (await api.get('/lab/api/state')).body;
    for (const service of state.services) {
      assert.equal(service.ready, service.autoscaler.minReplicas, service.name);
      assert.ok(service.replicas.every((r: { ready: boolean; pid: number }) => r.ready && r.pid > 0));
    }
    assert.deepEqual(
      state.services
        .map((s: { name: string }) => s.name)
        .sort()
        .slice(0, 2),
      ['auth', 'board'],
    );
  });

  it('routes a member’s sign-up, log-in and profile through the gateway', async () => {
    const member = { email: 'gw@example.com', password: 'long enough password', nickname: '게이트웨이' };
    assert.equal((await api.post('/api/auth/signup', member)).status, 202);
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
    const accessToken = await writer(member);
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
    const own = await api.post(`/api/board/posts/${postId}/reports`, { reason: 'spam' }, token);
    assert.deepEqual([own.status, own.body.key], [403, 'MODERATION.OWN_ITEM'], 'nobody reports their own post');
    const reader = await writer({ email: 'reader@example.com', password: 'long enough password', nickname: '읽는이' });
    assert.equal(
      (await api.post(`/api/board/posts/${postId}/reports`, { reason: 'spam' }, { token: reader })).status,
      201,
    );

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
    const accessToken = await writer(member);
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

  it('lets a visitor find the sample hospitals by partial Korean name and by region', async () => {
    const byName = await api.get(`/api/hospitals?q=${encodeURIComponent('서울대')}`);
    assert.equal(byName.status, 200);
    assert.ok(
      byName.body.items.some((h: { name: string }) => h.name === '서울대학교병원'),
      JSON.stringify(byName.body.items.map((h: { name: string }) => h.name)),
    );
    const inRegion = await api.get(`/api/hospitals?region=${encodeURIComponent('부산')}&limit=50`);
    assert.ok(inRegion.body.items.length > 0);
    assert.ok(inRegion.body.items.every((h: { region: string }) => h.region === '부산'));
    const regions = (await api.get('/api/hospitals/regions')).body;
    const total = (regions.regions ?? regions).reduce((n: number, r: { count: number }) => n + r.count, 0);
    assert.equal(total, 314, 'three replicas loaded the sample once');
  });

  it('lets a member review their named workplace, shown apart and not counted until verified; others are refused', async () => {
    const hospital = (await api.get(`/api/hospitals?q=${encodeURIComponent('서울대학교병원')}`)).body.items.find(
      (h: { name: string }) => h.name === '서울대학교병원',
    );
    const other = (await api.get(`/api/hospitals?region=${encodeURIComponent('부산')}`)).body.items[0];
    const member = {
      email: 'insider@example.com',
      password: 'long enough password',
      nickname: '병동간호사',
      hospitalId: hospital.id,
      jobCategory: 'nurse',
    };
    const accessToken = await writer(member);
    const review = {
      ratings: { overall: 4, care: 5, honesty: 4, staff: 3, facilities: 4, waiting: 2 },
      recommend: true,
      title: '환자 안전을 우선하는 병원',
      body: '야간에도 인력이 충분하고 불필요한 검사를 권하지 않습니다. 대기 시간은 깁니다.',
      showJobCategory: true,
    };
    const written = await api.post(`/api/hospitals/${hospital.id}/reviews`, review, { token: accessToken });
    assert.equal(written.status, 201, JSON.stringify(written.body));
    assert.equal(written.body.tier, 'unverified', 'the workplace is only claimed');
    assert.equal(written.body.author.nickname, undefined, 'reviews never show the board nickname');
    const detail = (await api.get(`/api/hospitals/${hospital.id}`)).body;
    assert.equal(detail.rating.reviewCount, 0, 'an unverified review is not counted');
    const refused = await api.post(`/api/hospitals/${other.id}/reviews`, review, { token: accessToken });
    assert.equal(refused.status, 403);
    assert.equal((await api.post(`/api/hospitals/${hospital.id}/reviews`, review)).status, 401);
  });

  it('makes a member a verified insider when their work email is at a domain their hospital registered', async () => {
    const admin = { email: 'ops@example.com', nickname: '운영팀', password: 'admin password long' };
    const created = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'services/auth/dist/src/cli/admin-create.js'),
        '--email',
        admin.email,
        '--nickname',
        admin.nickname,
      ],
      {
        env: { ...process.env, DATA_DIR: join(dataDir, 'auth'), ADMIN_PASSWORD: admin.password, LOG_LEVEL: 'error' },
        encoding: 'utf8',
      },
    );
    assert.equal(created.status, 0, created.stderr);
    const adminToken = (await api.post('/api/auth/login', { email: admin.email, password: admin.password })).body
      .accessToken;
    const hospital = (await api.get(`/api/hospitals?q=${encodeURIComponent('서울대학교병원')}`)).body.items[0];
    const domains = await api.put(
      `/api/hospitals/admin/hospitals/${hospital.id}/email-domains`,
      { domains: ['snuh.example'] },
      { token: adminToken },
    );
    assert.equal(domains.status, 200, JSON.stringify(domains.body));

    const member = {
      email: 'nurse.park@SNUH.example',
      password: 'long enough password',
      nickname: '박간호사',
      hospitalId: hospital.id,
    };
    assert.equal((await api.post('/api/auth/signup', member)).status, 202);
    const { accessToken } = (await api.post('/api/auth/login', { email: member.email, password: member.password }))
      .body;
    const code = mailedCode(authStore(dataDir), member.email);
    const verified = await api.post('/api/auth/email/verify', { code }, { token: accessToken });
    assert.deepEqual([verified.body.emailVerified, verified.body.insiderVerified], [true, true]);

    // With a token that says so, their review counts in the hospital's summary at once.
    const fresh = (await api.post('/api/auth/login', { email: member.email, password: member.password })).body
      .accessToken;
    const before = (await api.get(`/api/hospitals/${hospital.id}`)).body.rating.reviewCount;
    const review = {
      ratings: { overall: 4, care: 5, honesty: 4, staff: 3, facilities: 4, waiting: 2 },
      recommend: true,
      title: '환자 안전을 우선하는 병원',
      body: '야간에도 인력이 충분하고 불필요한 검사를 권하지 않습니다. 대기 시간은 깁니다.',
    };
    const written = await api.post(`/api/hospitals/${hospital.id}/reviews`, review, { token: fresh });
    assert.deepEqual([written.status, written.body.tier], [201, 'verified'], JSON.stringify(written.body));
    const rating = (await api.get(`/api/hospitals/${hospital.id}`)).body.rating;
    assert.equal(rating.reviewCount, before + 1);
    assert.equal(rating.averages.care, 5);
  });

  it('propagates the request id, or makes one', async () => {
    const res = await api.get('/api/auth/.well-known/jwks.json', { headers: { 'x-request-id': 'trace-42' } });
    assert.equal(res.headers.get('x-request-id'), 'trace-42');
    assert.ok((await api.get('/api/auth/.well-known/jwks.json')).headers.get('x-request-id'));
  });

  it('does not route probe or metrics endpoints publicly', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/internal/authors/x']) {
      const res = await api.get(path);
      assert.equal(res.headers.get('x-lab-replica'), null, `${path} reached no service replica`);
      assert.doesNotMatch(JSON.stringify(res.body), /process_cpu|"checks"|"status":"ok"/, path);
    }
  });

  it('serves a page at /', async () => {
    const res = await api.get('/');
    assert.equal(res.status, 200);
    assert.match(res.body, /Carebridge/);
  });

  it('stops every replica it started', async () => {
    const pids = [...cluster.services.values()].flatMap((s) => s.replicas.replicas.map((r) => r.pid as number));
    assert.ok(pids.length >= 6);
    await cluster.stop();
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
      const port = await new Promise<number>((resolve, reject) => {
        lab.once('exit', (code) => reject(new Error(`lab exited early with ${code}`)));
        createInterface({ input: lab.stdout }).on('line', (line) => {
          const match = /Site:\s+http:\/\/localhost:(\d+)\//.exec(line);
          if (match) resolve(Number(match[1]));
        });
      });
      const state = (await new TestClient(`http://127.0.0.1:${port}`).get('/lab/api/state')).body;
      const pids: number[] = state.services.flatMap((s: { replicas: { pid: number }[] }) =>
        s.replicas.map((r) => r.pid),
      );
      assert.ok(pids.length >= 6, `the lab runs every replica (${pids.length})`);
      lab.kill('SIGKILL');
      assert.ok(await waitFor(() => pids.every((pid) => !alive(pid))), 'every replica exited');
    } finally {
      lab.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
