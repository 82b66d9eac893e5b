import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type JsonResponse,
  JwksServer,
  newTestKey,
  type RequestOptions,
  signToken,
  TestClient,
} from '@carebridge/platform/testing';
import { Cluster } from '../src/cluster.js';

/**
 * The attacks of issue 15 on voices (who may speak for a hospital, flooding, censorship by report,
 * linking a review to its author), tried as a stranger would: over HTTP through the lab's gateway,
 * against real board and hospital processes. Tokens come from a JWKS server the services trust, so
 * each test can be any kind of member: fresh or established, verified insider or not.
 */

const DAY = 86_400_000;
const PROBLEM = /application\/problem\+json/;

interface Persona {
  sub: string;
  nickname: string;
  token: string;
}

interface PersonaOptions {
  role?: 'member' | 'admin';
  hospitalId?: string | null;
  insiderVerified?: boolean;
  /** Account age in days (default: a year). */
  ageDays?: number;
  jobCategory?: string | null;
}

/** Keeps every response body of the hospital API, for the nickname check at the end. */
class RecordingClient extends TestClient {
  readonly bodies: { method: string; path: string; body: string }[] = [];
  override async request<T = any>(method: string, path: string, options?: RequestOptions): Promise<JsonResponse<T>> {
    const res = await super.request<T>(method, path, options);
    this.bodies.push({ method, path, body: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) });
    return res;
  }
}

describe('trust and safety, through the gateway', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-trust-'));
  const jwks = new JwksServer();
  const key = newTestKey('trust-test-key');
  const personas: Persona[] = [];
  let cluster: Cluster;
  let api: RecordingClient;
  let admin: Persona;
  let seq = 0;

  async function persona(options: PersonaOptions = {}): Promise<Persona> {
    const sub = randomUUID();
    const nickname = `${options.role === 'admin' ? '운영' : '회원'}${++seq}호`;
    const token = await signToken(key, {
      subject: sub,
      claims: {
        nickname,
        role: options.role ?? 'member',
        hospitalId: options.hospitalId ?? null,
        jobCategory: options.jobCategory === undefined ? 'nurse' : options.jobCategory,
        insiderVerified: options.insiderVerified ?? false,
        emailVerified: true,
        memberSince: new Date(Date.now() - (options.ageDays ?? 365) * DAY).toISOString(),
      },
    });
    const p = { sub, nickname, token };
    personas.push(p);
    return p;
  }
  /** Accounts made for the attack: verified email (the cheapest step), a few hours old. */
  const throwaways = (n: number, options: PersonaOptions = {}) =>
    Promise.all(Array.from({ length: n }, () => persona({ ageDays: 0.1, ...options })));
  const established = (n: number, options: PersonaOptions = {}) =>
    Promise.all(Array.from({ length: n }, () => persona(options)));
  const as = (p: Persona) => ({ token: p.token });

  async function hospital(): Promise<string> {
    const res = await api.post(
      '/api/hospitals/admin/hospitals',
      { name: `신뢰병원${++seq}`, type: '병원', region: '서울', district: '종로구' },
      as(admin),
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id;
  }
  const review = (overall: number, extra: Record<string, unknown> = {}) => ({
    ratings: { overall, care: overall, honesty: overall, staff: overall, facilities: overall, waiting: overall },
    recommend: overall >= 3,
    title: `근무자의 후기 ${++seq}`,
    body: '인력 배치와 환자 안전에 대해 일하는 사람으로서 솔직하게 적습니다.',
    ...extra,
  });
  async function writeReview(hospitalId: string, author: Persona, overall: number, extra = {}) {
    const res = await api.post(`/api/hospitals/${hospitalId}/reviews`, review(overall, extra), as(author));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }
  async function writePost(author: Persona, body = `본문 ${++seq}: 병동 이야기`) {
    const res = await api.post('/api/board/posts', { board: 'free', title: `제목 ${++seq}`, body }, as(author));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }
  async function writeComment(author: Persona, postId: string) {
    const res = await api.post(`/api/board/posts/${postId}/comments`, { body: `댓글 ${++seq}` }, as(author));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }
  const rating = async (hospitalId: string) => (await api.get(`/api/hospitals/${hospitalId}`)).body.rating;
  async function queueItem(service: 'board' | 'hospitals', targetId: string) {
    const res = await api.get(`/api/${service}/admin/reports?limit=50`, as(admin));
    assert.equal(res.status, 200);
    return res.body.items.find((i: { targetId: string }) => i.targetId === targetId);
  }
  const commentIds = async (postId: string) =>
    (await api.get(`/api/board/posts/${postId}/comments`)).body.items.map((c: { id: string }) => c.id);

  before(async () => {
    jwks.keys = [key];
    const jwksUrl = await jwks.start();
    cluster = await Cluster.start({
      only: ['board', 'hospital'],
      // Two replicas each, balanced round robin: the write limits hold across replicas.
      replicas: 2,
      autoscaling: 'off',
      port: 0,
      host: '127.0.0.1',
      dataDir,
      env: {
        LOG_LEVEL: 'warn',
        AUTH_JWKS_URL: jwksUrl,
        JWT_ISSUER: 'test-issuer',
        JWT_AUDIENCE: 'test-audience',
        LOAD_SAMPLE_DATA: 'false',
      },
      log: () => {},
    });
    api = new RecordingClient(`http://127.0.0.1:${cluster.port}`);
    admin = await persona({ role: 'admin' });
  });
  after(async () => {
    await cluster?.stop();
    await jwks.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('who may speak for a hospital', () => {
    it('counts only verified insiders; others are shown apart, labelled, and left out of the rating', async () => {
      const h = await hospital();
      const verified = await persona({ hospitalId: h, insiderVerified: true });
      const claimed = await persona({ hospitalId: h, insiderVerified: false });
      await writeReview(h, verified, 5, { showJobCategory: true });
      const unverified = await writeReview(h, claimed, 1);
      assert.equal(unverified.tier, 'unverified');

      const summary = await rating(h);
      assert.deepEqual([summary.reviewCount, summary.averages.overall], [1, 5], 'the self-declared one is not counted');
      const list = (await api.get(`/api/hospitals/${h}/reviews`)).body.items;
      assert.deepEqual(
        list.map((r: { tier: string }) => r.tier),
        ['verified', 'unverified'],
        'both shown, verified first',
      );
      assert.deepEqual(list[0].author, { jobCategory: 'nurse' });
    });

    it('never lets a change of workplace re-open or re-weigh the old hospital', async () => {
      const first = await hospital();
      const second = await hospital();
      const sub = await persona({ hospitalId: first, insiderVerified: false });
      const old = await writeReview(first, sub, 1);
      // The same account, now naming (and verified at) another workplace.
      const moved = await signToken(key, {
        subject: sub.sub,
        claims: {
          nickname: sub.nickname,
          role: 'member',
          hospitalId: second,
          jobCategory: 'nurse',
          insiderVerified: true,
          emailVerified: true,
          memberSince: new Date(Date.now() - 365 * DAY).toISOString(),
        },
      });
      const again = await api.post(`/api/hospitals/${first}/reviews`, review(1), { token: moved });
      assert.deepEqual([again.status, again.body.key], [403, 'HOSPITAL.NOT_AN_INSIDER']);
      const edited = await api.patch(
        `/api/hospitals/${first}/reviews/${old.id}`,
        { body: `${old.body} 덧붙임` },
        {
          token: moved,
        },
      );
      assert.equal(edited.status, 200);
      assert.equal(edited.body.tier, 'unverified', 'verification elsewhere does not lift the old review');
      assert.equal((await rating(first)).reviewCount, 0);
      assert.equal((await writeReview(second, { ...sub, token: moved }, 4)).tier, 'verified');
    });
  });

  describe('no censorship by report', () => {
    it('five throwaway accounts cannot hide a post, a comment or a review: it waits, visible, in the queue', async () => {
      const author = await persona();
      const post = await writePost(author);
      const comment = await writeComment(author, post.id);
      const h = await hospital();
      const insider = await persona({ hospitalId: h, insiderVerified: true });
      const target = await writeReview(h, insider, 2);
      const before = await rating(h);

      for (const reporter of await throwaways(5)) {
        for (const path of [
          `/api/board/posts/${post.id}/reports`,
          `/api/board/comments/${comment.id}/reports`,
          `/api/hospitals/${h}/reviews/${target.id}/reports`,
        ]) {
          const res = await api.post(path, { reason: 'abuse' }, as(reporter));
          assert.equal(res.status, 201, `${path}: ${JSON.stringify(res.body)}`);
        }
      }
      assert.equal((await api.get(`/api/board/posts/${post.id}`)).status, 200);
      assert.ok((await commentIds(post.id)).includes(comment.id));
      assert.equal((await api.get(`/api/hospitals/${h}/reviews/${target.id}`)).status, 200);
      assert.deepEqual(await rating(h), before, 'the rating did not move');
      for (const [service, id] of [
        ['board', post.id],
        ['board', comment.id],
        ['hospitals', target.id],
      ] as const) {
        const item = await queueItem(service, id);
        assert.deepEqual(
          [item.reportCount, item.reportWeight, item.hidden, item.status],
          [5, 0, false, 'open'],
          `${service} ${id} is contested`,
        );
      }
    });

    it("never lets a hospital's own insiders bury its reviews", async () => {
      const h = await hospital();
      const critic = await persona({ hospitalId: h, insiderVerified: true });
      const target = await writeReview(h, critic, 1);
      const before = await rating(h);
      for (const colleague of await established(6, { hospitalId: h, insiderVerified: true })) {
        assert.equal(
          (
            await api.post(
              `/api/hospitals/${h}/reviews/${target.id}/reports`,
              { reason: 'misinformation' },
              as(colleague),
            )
          ).status,
          201,
        );
      }
      assert.equal((await api.get(`/api/hospitals/${h}/reviews/${target.id}`)).status, 200);
      assert.deepEqual(await rating(h), before);
      const item = await queueItem('hospitals', target.id);
      assert.deepEqual([item.reportWeight, item.hidden], [0, false], 'in the queue for an admin, not hidden');
    });

    it('lets established members hide an item; only an admin takes a review out of the rating', async () => {
      const author = await persona();
      const post = await writePost(author);
      for (const reporter of await established(5)) {
        assert.equal(
          (await api.post(`/api/board/posts/${post.id}/reports`, { reason: 'spam' }, as(reporter))).status,
          201,
        );
      }
      assert.equal((await api.get(`/api/board/posts/${post.id}`)).status, 404, 'five established members hide it');

      const h = await hospital();
      await writeReview(h, await persona({ hospitalId: h, insiderVerified: true }), 5);
      const target = await writeReview(h, await persona({ hospitalId: h, insiderVerified: true }), 1);
      for (const reporter of await established(3, { insiderVerified: true })) {
        await api.post(`/api/hospitals/${h}/reviews/${target.id}/reports`, { reason: 'abuse' }, as(reporter));
      }
      assert.equal((await api.get(`/api/hospitals/${h}/reviews/${target.id}`)).status, 404, 'weight 6: hidden');
      assert.equal((await rating(h)).reviewCount, 2, 'reports alone leave the rating as it was');
      const item = await queueItem('hospitals', target.id);
      const decided = await api.post(`/api/hospitals/admin/reports/${item.id}/resolve`, { action: 'hide' }, as(admin));
      assert.equal(decided.status, 200);
      assert.deepEqual([(await rating(h)).reviewCount, (await rating(h)).averages.overall], [1, 5]);
    });

    it('refuses reports of your own post, comment or review', async () => {
      const author = await persona();
      const post = await writePost(author);
      const comment = await writeComment(author, post.id);
      for (const path of [`/api/board/posts/${post.id}/reports`, `/api/board/comments/${comment.id}/reports`]) {
        const res = await api.post(path, { reason: 'spam' }, as(author));
        assert.deepEqual([res.status, res.body.key], [403, 'MODERATION.OWN_ITEM'], path);
        assert.match(res.headers.get('content-type') ?? '', PROBLEM);
      }
      const h = await hospital();
      const insider = await persona({ hospitalId: h, insiderVerified: true });
      const mine = await writeReview(h, insider, 3);
      const res = await api.post(`/api/hospitals/${h}/reviews/${mine.id}/reports`, { reason: 'spam' }, as(insider));
      assert.deepEqual([res.status, res.body.key], [403, 'MODERATION.OWN_ITEM']);
    });

    it("refuses to let an author undo an admin's hide by deleting and re-posting", async () => {
      const author = await persona();
      const text = '이 병원 원무과는 환자에게 불필요한 검사를 강요합니다';
      const post = await writePost(author, text);
      const comment = await writeComment(author, (await writePost(await persona())).id);
      const reporter = await persona();
      for (const [path, id] of [
        [`/api/board/posts/${post.id}/reports`, post.id],
        [`/api/board/comments/${comment.id}/reports`, comment.id],
      ] as const) {
        await api.post(path, { reason: 'abuse' }, as(reporter));
        const item = await queueItem('board', id);
        assert.equal(
          (await api.post(`/api/board/admin/reports/${item.id}/resolve`, { action: 'hide' }, as(admin))).status,
          200,
        );
      }
      const deleted = await api.delete(`/api/board/posts/${post.id}`, undefined, as(author));
      assert.deepEqual([deleted.status, deleted.body.key], [403, 'BOARD.MODERATED']);
      const deletedComment = await api.delete(`/api/board/comments/${comment.id}`, undefined, as(author));
      assert.deepEqual([deletedComment.status, deletedComment.body.key], [403, 'BOARD.MODERATED']);

      const repost = await api.post(
        '/api/board/posts',
        { board: 'qna', title: '다른 제목', body: ` 이 병원 원무과는  환자에게 불필요한 검사를 강요합니다!! ` },
        as(author),
      );
      assert.deepEqual([repost.status, repost.body.key], [409, 'BOARD.REPOST_OF_HIDDEN']);
      assert.match(repost.headers.get('content-type') ?? '', PROBLEM);
      const fresh = await writePost(author, '오늘 야간 근무는 조용했습니다');
      const sneaky = await api.patch(`/api/board/posts/${fresh.id}`, { body: text }, as(author));
      assert.deepEqual(
        [sneaky.status, sneaky.body.key],
        [409, 'BOARD.REPOST_OF_HIDDEN'],
        'nor by editing another post',
      );
      const other = await persona();
      assert.equal((await writePost(other, text)).author.nickname, other.nickname, 'another member may say it');

      const h = await hospital();
      const insider = await persona({ hospitalId: h, insiderVerified: true });
      const hidden = await writeReview(h, insider, 1);
      await api.post(`/api/hospitals/${h}/reviews/${hidden.id}/reports`, { reason: 'abuse' }, as(reporter));
      const item = await queueItem('hospitals', hidden.id);
      await api.post(`/api/hospitals/admin/reports/${item.id}/resolve`, { action: 'hide' }, as(admin));
      const gone = await api.delete(`/api/hospitals/${h}/reviews/${hidden.id}`, undefined, as(insider));
      assert.deepEqual([gone.status, gone.body.key], [403, 'HOSPITAL.REVIEW_MODERATED']);
      const rewrite = await api.post(`/api/hospitals/${h}/reviews`, review(1), as(insider));
      assert.deepEqual([rewrite.status, rewrite.body.key], [409, 'HOSPITAL.ALREADY_REVIEWED']);
    });
  });

  describe('no flooding', () => {
    it('answers 429 with Retry-After past a new account’s post limit; others still write', async () => {
      const fresh = await persona({ ageDays: 0.5 });
      for (let i = 0; i < 3; i++) await writePost(fresh);
      const flood = await api.post('/api/board/posts', { board: 'free', title: '도배', body: '도배' }, as(fresh));
      assert.equal(flood.status, 429);
      assert.equal(flood.body.key, 'BOARD.RATE_LIMITED');
      assert.match(flood.headers.get('content-type') ?? '', PROBLEM);
      const retryAfter = Number(flood.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= 600, `Retry-After: ${flood.headers.get('retry-after')}`);
      const member = await persona();
      for (let i = 0; i < 4; i++) await writePost(member);
      await writeComment(fresh, (await writePost(member)).id);
    });

    it('limits helpful marks and reports on reviews the same way', async () => {
      const h = await hospital();
      const target = await writeReview(h, await persona({ hospitalId: h, insiderVerified: true }), 4);
      const fresh = await persona({ ageDays: 1 });
      const path = `/api/hospitals/${h}/reviews/${target.id}/helpful`;
      for (let i = 0; i < 20; i++) assert.equal((await api.put(path, undefined, as(fresh))).status, 200);
      const limited = await api.put(path, undefined, as(fresh));
      assert.deepEqual([limited.status, limited.body.key], [429, 'HOSPITAL.RATE_LIMITED']);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
    });
  });

  describe('anonymity that survives correlation', () => {
    it('shows no nickname, no exact time and no author-scoped id on any hospital response', async () => {
      const h = await hospital();
      const insider = await persona({ hospitalId: h, insiderVerified: true });
      const board = await writePost(insider);
      assert.equal(board.author.nickname, insider.nickname, 'board posts do show the nickname');
      const written = await writeReview(h, insider, 4, { showJobCategory: true });
      for (const res of [
        await api.get(`/api/hospitals/${h}/reviews`),
        await api.get(`/api/hospitals/${h}/reviews/${written.id}`),
        await api.get(`/api/hospitals/${h}/reviews/mine`, as(insider)),
      ]) {
        const items = res.body.items ?? [res.body];
        for (const item of items) {
          assert.match(item.createdAt, /^\d{4}-\d{2}-\d{2}$/);
          assert.match(item.updatedAt, /^\d{4}-\d{2}-\d{2}$/);
          assert.deepEqual(Object.keys(item.author), ['jobCategory']);
        }
      }
      const two = await writeReview(h, await persona({ hospitalId: h, insiderVerified: true }), 3);
      const page = await api.get(`/api/hospitals/${h}/reviews?limit=1`);
      const cursor = JSON.parse(Buffer.from(page.body.nextCursor, 'base64url').toString());
      assert.deepEqual(cursor, ['latest|||', two.id], 'a cursor names its list and the last review only, no time');
      assert.notEqual(written.id, two.id);

      const nicknames = personas.map((p) => p.nickname);
      assert.ok(api.bodies.length > 50);
      for (const { method, path, body } of api.bodies.filter((b) => b.path.startsWith('/api/hospitals'))) {
        for (const nickname of nicknames) assert.ok(!body.includes(nickname), `${method} ${path} carried ${nickname}`);
      }
    });
  });
});
