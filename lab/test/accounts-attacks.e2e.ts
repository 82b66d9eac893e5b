import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Cluster } from '../src/cluster.js';
import { authStore, codeIn, latestMail as latestMailIn, rawRequest } from './support.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * A caller on its own loopback address (127.0.0.x), so the services see distinct client
 * addresses exactly as they would see strangers on the internet behind the gateway.
 */
class Stranger {
  constructor(
    private readonly port: number,
    readonly address: string,
  ) {}

  async send(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; cookie?: string } = {},
  ): Promise<Answer> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = {};
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    const res = await rawRequest(this.port, path, { method, headers, body: payload, localAddress: this.address });
    const json = /json/.test(String(res.headers['content-type'] ?? ''));
    return { ...res, body: json && res.body ? JSON.parse(res.body) : res.body };
  }

  post(path: string, body?: unknown, options: { token?: string; cookie?: string } = {}) {
    return this.send('POST', path, { ...options, body });
  }
}

const refreshCookie = (answer: Answer) =>
  ([answer.headers['set-cookie']].flat().find((c) => c?.startsWith('cb_refresh=')) ?? '').split(';')[0];

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

describe('accounts, sign-up and sessions: attacks through the gateway', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'carebridge-accounts-'));
  let cluster: Cluster;
  let next = 10;
  /** A new stranger on an address of its own. */
  const stranger = () => new Stranger(cluster.port, `127.0.0.${next++}`);

  const latestMail = (email: string) =>
    eventually(
      async () => latestMailIn(authStore(dataDir), email),
      (mail) => mail !== undefined,
    ) as Promise<{ subject: string; body: string }>;

  /** Signs up and logs in from `who`; with `verify`, confirms the email and refreshes the token. */
  async function member(who: Stranger, fields: Record<string, unknown>, verify = true) {
    assert.equal((await who.post('/api/auth/signup', fields)).status, 202);
    const login = await who.post('/api/auth/login', { email: fields.email, password: fields.password });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    let token: string = login.body.accessToken;
    let cookie = refreshCookie(login);
    if (verify) {
      const code = codeIn(await latestMail(String(fields.email)));
      assert.equal((await who.post('/api/auth/email/verify', { code }, { token })).status, 200);
      const refreshed = await who.post('/api/auth/refresh', undefined, { cookie });
      token = refreshed.body.accessToken;
      cookie = refreshCookie(refreshed);
    }
    return { token, cookie, id: login.body.user.id as string };
  }

  before(async () => {
    cluster = await Cluster.start({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      replicas: 2,
      autoscaling: 'off',
      env: { LOG_LEVEL: 'warn' },
      log: () => undefined,
    });
  });
  after(async () => {
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses mass sign-up from one address with 429 and Retry-After; others sign up on', async () => {
    const bot = stranger();
    const answers: Answer[] = [];
    for (let i = 0; i < 7; i++) {
      answers.push(
        await bot.post('/api/auth/signup', {
          email: `bot${i}@example.com`,
          password: 'long enough password',
          nickname: `봇${i}`,
        }),
      );
    }
    assert.deepEqual(
      answers.map((a) => a.status),
      [202, 202, 202, 202, 202, 429, 429],
    );
    const refused = answers[5] as Answer;
    assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(refused.body.key, 'AUTH.SIGNUP_THROTTLED');
    assert.ok(Number(refused.headers['retry-after']) > 0);
    const human = await stranger().post('/api/auth/signup', {
      email: 'human@example.com',
      password: 'long enough password',
      nickname: '사람',
    });
    assert.equal(human.status, 202);
  });

  it('answers a sign-up with a taken email exactly like a new one, and mails the owner', async () => {
    const owner = { email: 'owner@example.com', password: 'long enough password', nickname: '주인' };
    const first = await stranger().post('/api/auth/signup', owner);
    const probe = await stranger().post('/api/auth/signup', {
      ...owner,
      password: 'another password!',
      nickname: '염탐꾼',
    });
    const fresh = await stranger().post('/api/auth/signup', {
      ...owner,
      email: 'fresh@example.com',
      nickname: '새사람',
    });
    assert.deepEqual([first.status, probe.status, fresh.status], [202, 202, 202]);
    assert.deepEqual(Object.keys(probe.body).sort(), Object.keys(fresh.body).sort());
    assert.equal(probe.body.status, fresh.body.status);
    assert.deepEqual(probe.body, first.body, 'the same answer as for the original sign-up');
    assert.equal(probe.headers['content-type'], fresh.headers['content-type']);
    assert.match((await latestMail(owner.email)).subject, /Someone tried to sign up/);
  });

  it('refuses writes from an unverified email (403) and takes them once verified', async () => {
    const who = stranger();
    const fields = { email: 'unverified@example.com', password: 'long enough password', nickname: '미인증' };
    const unverified = await member(who, fields, false);
    const post = { board: 'free', title: '인증 전 글', body: '써지면 안 됩니다' };
    const refused = await who.post('/api/board/posts', post, { token: unverified.token });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.key, 'AUTH.EMAIL_NOT_VERIFIED');
    const code = codeIn(await latestMail(fields.email));
    assert.equal((await who.post('/api/auth/email/verify', { code }, { token: unverified.token })).status, 200);
    const { accessToken } = (await who.post('/api/auth/refresh', undefined, { cookie: unverified.cookie })).body;
    assert.equal((await who.post('/api/board/posts', post, { token: accessToken })).status, 201);
  });

  it('refuses confusable, invisible and reserved nicknames', async () => {
    for (const nickname of [
      'аdmin',
      '관리자\u3164',
      '탈퇴한\u3164회원',
      '운영팀',
      'CareBridge',
      'ａｄｍｉｎ',
      'ad\u200Bmin',
    ]) {
      const res = await stranger().post('/api/auth/signup', {
        email: 'nick@example.com',
        password: 'long enough password',
        nickname,
      });
      assert.equal(res.status, 400, JSON.stringify(nickname));
      assert.equal(res.body.errors?.[0]?.field, 'nickname');
    }
  });

  it('holds a freed nickname during the cooling-off period', async () => {
    const who = stranger();
    const first = await member(who, {
      email: 'renamer@example.com',
      password: 'long enough password',
      nickname: '옛이름',
    });
    const renamed = await who.send('PATCH', '/api/auth/me', { body: { nickname: '새이름표' }, token: first.token });
    assert.equal(renamed.status, 200);
    const leaver = await member(who, {
      email: 'leaving@example.com',
      password: 'long enough password',
      nickname: '떠난사람',
    });
    const gone = await who.send('DELETE', '/api/auth/me', {
      body: { password: 'long enough password' },
      token: leaver.token,
    });
    assert.equal(gone.status, 204);
    for (const nickname of ['옛이름', '떠난사람']) {
      const taker = await stranger().post('/api/auth/signup', {
        email: `taker.${nickname.length}@example.com`,
        password: 'long enough password',
        nickname,
      });
      assert.equal(taker.status, 409, nickname);
      assert.equal(taker.body.key, 'AUTH.NICKNAME_COOLING_OFF');
    }
  });

  it('keeps two tabs signed in when they refresh at the same moment', async () => {
    const who = stranger();
    const session = await member(who, {
      email: 'tabs@example.com',
      password: 'long enough password',
      nickname: '두탭',
    });
    const [a, b] = await Promise.all([
      who.post('/api/auth/refresh', undefined, { cookie: session.cookie }),
      who.post('/api/auth/refresh', undefined, { cookie: session.cookie }),
    ]);
    assert.deepEqual([a?.status, b?.status], [200, 200]);
    for (const tab of [a, b] as Answer[]) {
      assert.equal((await who.post('/api/auth/refresh', undefined, { cookie: refreshCookie(tab) })).status, 200);
    }
  });

  it('does not lock the owner out when a stranger guesses the password from elsewhere', async () => {
    const owner = stranger();
    const fields = { email: 'target@example.com', password: 'long enough password', nickname: '표적' };
    await member(owner, fields, false);
    const attacker = stranger();
    const guesses: number[] = [];
    for (let i = 0; i < 8; i++) {
      guesses.push(
        (await attacker.post('/api/auth/login', { email: fields.email, password: `guess number ${i}` })).status,
      );
    }
    assert.deepEqual(guesses.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.ok(
      guesses.slice(5).every((s) => s === 429),
      `the attacker is slowed: ${guesses}`,
    );
    const credentials = { email: fields.email, password: fields.password };
    const rightFromAttacker = await attacker.post('/api/auth/login', credentials);
    assert.equal(rightFromAttacker.status, 429, 'even the right password waits on the attacking address');
    const ownerLogin = await owner.post('/api/auth/login', credentials);
    assert.equal(ownerLogin.status, 200, 'the owner on their own address signs in');
  });

  it('resets a forgotten password by the emailed code, ending every session', async () => {
    const who = stranger();
    const fields = { email: 'forgetful@example.com', password: 'long enough password', nickname: '깜빡이' };
    const old = await member(who, fields);
    const requested = await stranger().post('/api/auth/password/reset-request', { email: fields.email });
    const unknown = await stranger().post('/api/auth/password/reset-request', { email: 'nobody@example.com' });
    assert.deepEqual([requested.status, unknown.status], [202, 202]);
    assert.deepEqual(requested.body, unknown.body);
    const mail = await eventually(
      () => latestMail(fields.email),
      (m) => /재설정/.test(m.subject),
    );
    const done = await who.post('/api/auth/password/reset', {
      email: fields.email,
      code: codeIn(mail),
      newPassword: 'a brand new passphrase',
    });
    assert.equal(done.status, 204);
    assert.equal((await who.post('/api/auth/refresh', undefined, { cookie: old.cookie })).status, 401);
    // The revocation reaches the board through auth's outbox, sent as the reset commits; on a busy
    // machine it can take a moment, so the old token is tried until the board has it (bounded).
    const write = await eventually(
      () => who.post('/api/board/posts', { board: 'free', title: '제목', body: '본문' }, { token: old.token }),
      (res) => res.status === 403,
      10_000,
    );
    assert.equal(write.status, 403);
    assert.equal(write.body.key, 'AUTH.TOKEN_REVOKED');
    assert.equal((await who.post('/api/auth/login', { email: fields.email, password: fields.password })).status, 401);
    const renewed = await who.post('/api/auth/login', { email: fields.email, password: 'a brand new passphrase' });
    assert.equal(renewed.status, 200);
  });

  it('refuses writes from access tokens issued before a password change or a sign-out everywhere', async () => {
    const hospitals = await stranger().send('GET', `/api/hospitals?q=${encodeURIComponent('서울대학교병원')}`);
    const hospitalId = hospitals.body.items[0].id as string;
    const who = stranger();
    const fields = {
      email: 'rotator@example.com',
      password: 'long enough password',
      nickname: '비번바꿈',
      hospitalId,
      jobCategory: 'nurse',
    };
    const session = await member(who, fields);
    const post = { board: 'free', title: '비밀번호를 바꾼 뒤', body: '옛 토큰으로는 써지면 안 됩니다' };
    const review = {
      ratings: { overall: 4, care: 4, honesty: 4, staff: 4, facilities: 4, waiting: 4 },
      recommend: true,
      title: '새 토큰으로 남기는 후기',
      body: '비밀번호를 바꾼 뒤 새로 받은 토큰으로만 이 후기가 남아야 합니다.',
    };
    const paths = { post: '/api/board/posts', review: `/api/hospitals/${hospitalId}/reviews` };
    const writes = (token: string) => ({
      post: () => who.post(paths.post, post, { token }),
      review: () => who.post(paths.review, review, { token }),
    });
    const refusedEverywhere = async (token: string) => {
      for (const [target, write] of Object.entries(writes(token))) {
        // The revocation reaches each service through auth's outbox. Until it has, an empty body is
        // refused as invalid (400), which writes nothing and spends none of the member's write limit.
        const path = paths[target as keyof typeof paths];
        await eventually(
          () => who.post(path, {}, { token }),
          (a) => a.status === 403,
        );
        const refused = await write();
        assert.equal(refused.status, 403, JSON.stringify(refused.body));
        assert.equal(refused.body.key, 'AUTH.TOKEN_REVOKED');
      }
    };

    const changed = await who.send('PATCH', '/api/auth/me', {
      body: { currentPassword: fields.password, newPassword: 'a second long passphrase' },
      token: session.token,
      cookie: session.cookie,
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    await refusedEverywhere(session.token);
    // The member's own session goes on: its refresh cookie gives a token that writes.
    const own = await who.post('/api/auth/refresh', undefined, { cookie: session.cookie });
    assert.equal(own.status, 200, 'the session that changed the password is kept');
    assert.equal((await who.post('/api/board/posts', post, { token: own.body.accessToken })).status, 201);

    const signedOut = await who.post('/api/auth/logout/all', undefined, { token: own.body.accessToken });
    assert.equal(signedOut.status, 204);
    await refusedEverywhere(own.body.accessToken);
    assert.equal((await who.post('/api/auth/refresh', undefined, { cookie: refreshCookie(own) })).status, 401);

    const fresh = await who.post('/api/auth/login', { email: fields.email, password: 'a second long passphrase' });
    assert.equal(fresh.status, 200);
    const renewed = writes(fresh.body.accessToken);
    assert.equal((await renewed.post()).status, 201);
    const reviewed = await renewed.review();
    assert.equal(reviewed.status, 201, JSON.stringify(reviewed.body));
  });

  it("refuses posts and reviews from a deleted account's still-valid access token", async () => {
    const hospitals = await stranger().send('GET', `/api/hospitals?q=${encodeURIComponent('서울대학교병원')}`);
    const hospitalId = hospitals.body.items[0].id as string;
    const who = stranger();
    const fields = {
      email: 'quitter@example.com',
      password: 'long enough password',
      nickname: '그만둘사람',
      hospitalId,
      jobCategory: 'nurse',
    };
    const { token } = await member(who, fields);
    const post = { board: 'free', title: '탈퇴 전 글', body: '탈퇴 전에는 써집니다' };
    assert.equal((await who.post('/api/board/posts', post, { token })).status, 201);
    assert.equal(
      (await who.send('DELETE', '/api/auth/me', { body: { password: fields.password }, token })).status,
      204,
    );
    const review = {
      ratings: { overall: 1, care: 1, honesty: 1, staff: 1, facilities: 1, waiting: 1 },
      recommend: false,
      title: '탈퇴한 뒤에 남기는 후기',
      body: '이 후기는 탈퇴한 계정의 토큰으로 보낸 것이라 거절되어야 합니다.',
    };
    const afterPost = await eventually(
      () => who.post('/api/board/posts', post, { token }),
      (a) => a.status === 403,
    );
    assert.equal(afterPost.body.key, 'AUTH.TOKEN_REVOKED');
    const afterReview = await eventually(
      () => who.post(`/api/hospitals/${hospitalId}/reviews`, review, { token }),
      (a) => a.status === 403,
    );
    assert.equal(afterReview.body.key, 'AUTH.TOKEN_REVOKED');
    for (let i = 0; i < 4; i++) {
      assert.equal((await who.post('/api/board/posts', post, { token })).status, 403, 'on every replica');
    }
  });
});
