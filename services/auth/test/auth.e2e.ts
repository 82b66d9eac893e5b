import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '@carebridge/platform';
import { requireDatabaseServer } from '@carebridge/platform/testing';
import { AdminService } from '../src/admin/admin.service.js';
import { AuthHarness, codeFrom, refreshCookie } from './auth-harness.js';

// The auth service runs on MySQL in production. MySQL cannot be installed on these machines, so the
// `mysql` suite drives TypeORM's MySQL driver (mysql2) against MariaDB speaking the MySQL protocol.
const DIALECTS: Dialect[] = ['sqlite', 'mysql'];
const fields = (body: { errors?: { field: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.field))].sort();

for (const dialect of DIALECTS) {
  describe(`auth service (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `auth e2e (${dialect})`);
    // Port 9 (discard) refuses connections: a service that is down when an account is deleted.
    const auth = new AuthHarness(dialect, {
      EMAIL_CODE_RESEND_SECONDS: '60',
      ACCOUNT_ERASURE_URLS: 'http://127.0.0.1:9/',
      INTERNAL_API_TOKEN: 'auth-internal-token-for-tests',
    });
    before(async () => {
      if (!missing) await auth.start();
    });
    after(() => auth.stop());

    describe('sign-up', { skip: missing }, () => {
      it('creates a member and returns the private profile, never the password hash', async () => {
        const member = auth.newMember({ hospitalId: 'H-0001', jobCategory: 'doctor' });
        const res = await auth.api.post('/api/auth/signup', member);
        assert.equal(res.status, 201);
        assert.equal(res.body.email, member.email.toLowerCase());
        assert.equal(res.body.nickname, member.nickname);
        assert.equal(res.body.hospitalId, 'H-0001');
        assert.equal(res.body.role, 'member');
        assert.equal(res.body.emailVerified, false);
        assert.equal(res.body.insiderVerified, false);
        assert.doesNotMatch(JSON.stringify(res.body), /password|argon/i);
      });

      it('names every invalid field at once', async () => {
        const res = await auth.api.post('/api/auth/signup', {
          email: 'not-an-email',
          password: 'short',
          nickname: 'x',
          jobCategory: 'surgeon',
          hospitalId: 'has spaces',
          isAdmin: true,
        });
        assert.equal(res.status, 400);
        assert.deepEqual(fields(res.body), ['email', 'hospitalId', 'isAdmin', 'jobCategory', 'nickname', 'password']);
      });

      it('refuses a missing body field by name', async () => {
        const res = await auth.api.post('/api/auth/signup', { email: 'a@example.com' });
        assert.equal(res.status, 400);
        assert.deepEqual(fields(res.body), ['nickname', 'password']);
      });

      it('refuses a password that is the email address', async () => {
        const member = auth.newMember();
        const res = await auth.api.post('/api/auth/signup', { ...member, password: member.email.toUpperCase() });
        assert.equal(res.status, 400);
        assert.deepEqual(fields(res.body), ['password']);
      });

      it('refuses reserved nicknames', async () => {
        const res = await auth.api.post('/api/auth/signup', auth.newMember({ nickname: '운영자' }));
        assert.equal(res.status, 400);
        assert.equal(res.body.key, 'AUTH.NICKNAME_RESERVED');
      });

      it('answers 409 naming the field for a taken email (any case) or nickname (any case)', async () => {
        const member = auth.newMember({ nickname: 'NightShift' });
        assert.equal((await auth.api.post('/api/auth/signup', member)).status, 201);
        const sameEmail = await auth.api.post(
          '/api/auth/signup',
          auth.newMember({ email: member.email.toUpperCase() }),
        );
        assert.equal(sameEmail.status, 409);
        assert.equal(sameEmail.body.key, 'AUTH.EMAIL_TAKEN');
        assert.deepEqual(fields(sameEmail.body), ['email']);
        const sameNick = await auth.api.post('/api/auth/signup', auth.newMember({ nickname: 'nightshift' }));
        assert.equal(sameNick.status, 409);
        assert.deepEqual(fields(sameNick.body), ['nickname']);
      });

      it('lets exactly one of ten simultaneous sign-ups with one email through', async () => {
        const email = `race.${process.pid}@example.com`;
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            auth.api.post('/api/auth/signup', auth.newMember({ email, nickname: `경주${i}` })),
          ),
        );
        assert.deepEqual(results.map((r) => r.status).sort(), [201, ...Array(9).fill(409)]);
        const [{ n }] = await auth.dataSource.query('SELECT COUNT(*) AS n FROM users WHERE email = ?', [email]);
        assert.equal(Number(n), 1);
      });

      it('answers malformed JSON with a 400 problem', async () => {
        const res = await auth.api.post('/api/auth/signup', '{"email":');
        assert.equal(res.status, 400);
        assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      });
    });

    describe('log-in and tokens', { skip: missing }, () => {
      it('returns a 15-minute access token and an httpOnly, SameSite=Strict refresh cookie', async () => {
        const { session } = await auth.signupAndLogin();
        const member = auth.newMember();
        await auth.api.post('/api/auth/signup', member);
        const res = await auth.login(member.email.toUpperCase(), member.password, '10.1.0.1');
        assert.equal(res.status, 200);
        assert.equal(res.body.expiresIn, 900);
        assert.equal(res.body.tokenType, 'Bearer');
        const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cb_refresh=')) ?? '';
        assert.match(cookie, /HttpOnly/);
        assert.match(cookie, /SameSite=Strict/);
        assert.match(cookie, /Path=\/api\/auth/);
        const [header, payload] = session.accessToken
          .split('.')
          .slice(0, 2)
          .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
        assert.equal(header.alg, 'EdDSA');
        assert.ok(header.kid);
        assert.equal(payload.exp - payload.iat, 900);
        assert.equal(payload.iss, 'carebridge-auth');
        assert.equal(payload.aud, 'carebridge');
        assert.deepEqual(
          {
            nickname: payload.nickname,
            role: payload.role,
            hospitalId: payload.hospitalId,
            insiderVerified: payload.insiderVerified,
            jobCategory: payload.jobCategory,
          },
          {
            nickname: session.user.nickname,
            role: 'member',
            hospitalId: null,
            insiderVerified: false,
            jobCategory: 'nurse',
          },
        );
        assert.equal(payload.email, undefined);
      });

      it('says the same thing for an unknown email and a wrong password', async () => {
        const { member } = await auth.signupAndLogin();
        const wrong = await auth.login(member.email, 'wrong password!!', '10.1.0.2');
        const unknown = await auth.login('nobody@example.com', 'whatever password', '10.1.0.2');
        assert.equal(wrong.status, 401);
        assert.equal(unknown.status, 401);
        assert.deepEqual(
          { key: wrong.body.key, detail: wrong.body.detail },
          { key: unknown.body.key, detail: unknown.body.detail },
        );
      });

      it('throttles an account after 5 failures, even with the right password, with Retry-After', async () => {
        const { member } = await auth.signupAndLogin();
        for (let i = 0; i < 5; i++) {
          assert.equal((await auth.login(member.email, 'wrong password!!', `10.2.0.${i}`)).status, 401);
        }
        const blocked = await auth.login(member.email, member.password, '10.2.0.99');
        assert.equal(blocked.status, 429);
        assert.equal(blocked.body.key, 'AUTH.LOGIN_THROTTLED');
        assert.ok(Number(blocked.headers.get('retry-after')) > 800);
      });

      it('throttles an address after 20 failures across accounts', async () => {
        const address = '10.3.0.1';
        for (let i = 0; i < 20; i++) {
          assert.equal((await auth.login(`nobody${i}@example.com`, 'wrong password!!', address)).status, 401);
        }
        const { member } = await auth.signupAndLogin({}, '10.3.0.2');
        assert.equal((await auth.login(member.email, member.password, address)).status, 429);
        assert.equal((await auth.login(member.email, member.password, '10.3.0.3')).status, 200);
      });

      it('publishes the public keys only', async () => {
        const res = await auth.api.get('/api/auth/.well-known/jwks.json');
        assert.equal(res.status, 200);
        assert.equal(res.body.keys.length, 1);
        const [key] = res.body.keys;
        assert.deepEqual([key.kty, key.crv, key.alg, key.use], ['OKP', 'Ed25519', 'EdDSA', 'sig']);
        assert.equal(key.d, undefined);
      });

      it('refuses tampered, unsigned, expired and foreign-audience tokens on /me', async () => {
        const { token, session } = await auth.signupAndLogin();
        const [h, p, s] = token.split('.') as [string, string, string];
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
        const elevated = Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url');
        const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        const claims = { sub: session.user.id, nickname: 'x', role: 'member' };
        const cases: Record<string, string> = {
          'bad signature': `${h}.${p}.${s.slice(0, -4)}AAAA`,
          'payload changed': `${h}.${elevated}.${s}`,
          'alg none': `${none}.${p}.`,
          expired: await auth.forgeWithServiceKey(claims, now - 10),
          'wrong audience': await auth.forgeWithServiceKey(claims, now + 600, 'someone-else'),
        };
        for (const [name, bad] of Object.entries(cases)) {
          const res = await auth.api.get('/api/auth/me', { token: bad });
          assert.equal(res.status, 401, name);
          assert.equal(res.body.key, 'AUTH.INVALID_TOKEN', name);
        }
        assert.equal((await auth.api.get('/api/auth/me', { token })).status, 200);
      });

      it('requires a token for /me', async () => {
        const res = await auth.api.get('/api/auth/me');
        assert.equal(res.status, 401);
        assert.equal(res.body.key, 'AUTH.TOKEN_REQUIRED');
      });
    });

    describe('refresh tokens', { skip: missing }, () => {
      it('rotates the refresh token and issues a new access token', async () => {
        const { cookie, member } = await auth.signupAndLogin();
        const res = await auth.refresh(cookie);
        assert.equal(res.status, 200);
        assert.equal(res.body.user.email, member.email.toLowerCase());
        const next = refreshCookie(res.headers);
        assert.ok(next && next !== cookie);
        assert.equal((await auth.api.get('/api/auth/me', { token: res.body.accessToken })).status, 200);
      });

      it('revokes the whole family when a used refresh token comes back', async () => {
        const { cookie } = await auth.signupAndLogin();
        const first = await auth.refresh(cookie);
        const rotated = refreshCookie(first.headers);
        const reuse = await auth.refresh(cookie);
        assert.equal(reuse.status, 401);
        assert.equal(reuse.body.key, 'AUTH.REFRESH_TOKEN_REUSED');
        assert.equal((await auth.refresh(rotated)).status, 401, 'the legitimate newer token is revoked too');
      });

      it('lets only one of two simultaneous uses of a token win', async () => {
        const { cookie } = await auth.signupAndLogin();
        const results = await Promise.all([auth.refresh(cookie), auth.refresh(cookie)]);
        assert.deepEqual(results.map((r) => r.status).sort(), [200, 401]);
      });

      it('answers 401 without a cookie or with a made-up one', async () => {
        assert.equal((await auth.refresh(undefined)).status, 401);
        assert.equal((await auth.refresh('cb_refresh=made-up')).status, 401);
      });

      it('ends the session on log-out', async () => {
        const { cookie } = await auth.signupAndLogin();
        const out = await auth.api.post('/api/auth/logout', undefined, { headers: { cookie: cookie as string } });
        assert.equal(out.status, 204);
        assert.match(out.headers.getSetCookie().join(), /cb_refresh=;/);
        assert.equal((await auth.refresh(cookie)).status, 401);
      });
    });

    describe('profile', { skip: missing }, () => {
      it('changes the nickname, refusing one that is taken', async () => {
        const a = await auth.signupAndLogin();
        const b = await auth.signupAndLogin();
        const taken = await auth.api.patch('/api/auth/me', { nickname: b.member.nickname }, { token: a.token });
        assert.equal(taken.status, 409);
        const renamed = await auth.api.patch('/api/auth/me', { nickname: '새이름' }, { token: a.token });
        assert.equal(renamed.status, 200);
        assert.equal(renamed.body.nickname, '새이름');
        const refreshed = await auth.refresh(a.cookie);
        assert.equal(refreshed.body.user.nickname, '새이름');
      });

      it('changes the password only with the current one, and ends the other sessions', async () => {
        const a = await auth.signupAndLogin();
        const other = await auth.login(a.member.email, a.member.password, '10.4.0.1');
        const otherCookie = refreshCookie(other.headers);
        const noCurrent = await auth.api.patch(
          '/api/auth/me',
          { newPassword: 'a brand new password' },
          { token: a.token },
        );
        assert.equal(noCurrent.status, 400);
        assert.deepEqual(fields(noCurrent.body), ['currentPassword']);
        const wrong = await auth.api.patch(
          '/api/auth/me',
          { currentPassword: 'not it at all', newPassword: 'a brand new password' },
          { token: a.token },
        );
        assert.equal(wrong.status, 400);
        assert.equal(wrong.body.key, 'AUTH.CURRENT_PASSWORD_INCORRECT');
        const ok = await auth.api.patch(
          '/api/auth/me',
          { currentPassword: a.member.password, newPassword: 'a brand new password' },
          { token: a.token, headers: { cookie: a.cookie as string } },
        );
        assert.equal(ok.status, 200);
        assert.equal((await auth.refresh(otherCookie)).status, 401, 'the other session ended');
        assert.equal((await auth.refresh(a.cookie)).status, 200, 'the session that changed it goes on');
        assert.equal((await auth.login(a.member.email, a.member.password, '10.4.0.2')).status, 401);
        assert.equal((await auth.login(a.member.email, 'a brand new password', '10.4.0.2')).status, 200);
      });

      it('rejects unknown fields on update', async () => {
        const a = await auth.signupAndLogin();
        const res = await auth.api.patch('/api/auth/me', { role: 'admin' }, { token: a.token });
        assert.equal(res.status, 400);
        assert.deepEqual(fields(res.body), ['role']);
      });
    });

    describe('admin and affiliation', { skip: missing }, () => {
      it('lets an admin verify a workplace; changing the workplace clears it', async () => {
        const admin = auth.newMember({ nickname: '관리팀' });
        await auth.service.app.get(AdminService).createOrPromoteAdmin(admin as never);
        const adminToken = (await auth.login(admin.email, admin.password, '10.5.0.1')).body.accessToken;
        const nurse = await auth.signupAndLogin({ hospitalId: 'H-0042' });
        const noWorkplace = await auth.signupAndLogin();

        const byMember = await auth.api.post(
          `/api/auth/admin/users/${nurse.session.user.id}/affiliation/verify`,
          undefined,
          { token: nurse.token },
        );
        assert.equal(byMember.status, 403);
        const none = await auth.api.post(
          `/api/auth/admin/users/${noWorkplace.session.user.id}/affiliation/verify`,
          undefined,
          { token: adminToken },
        );
        assert.equal(none.status, 409);
        const badId = await auth.api.post('/api/auth/admin/users/not-a-uuid/affiliation/verify', undefined, {
          token: adminToken,
        });
        assert.equal(badId.status, 400);

        const verified = await auth.api.post(
          `/api/auth/admin/users/${nurse.session.user.id}/affiliation/verify`,
          undefined,
          { token: adminToken },
        );
        assert.equal(verified.status, 200);
        assert.equal(verified.body.insiderVerified, true);
        const claims = (t: string) => JSON.parse(Buffer.from(t.split('.')[1] as string, 'base64url').toString());
        const refreshed = await auth.refresh(nurse.cookie);
        assert.equal(claims(refreshed.body.accessToken).insiderVerified, true);

        const moved = await auth.api.patch(
          '/api/auth/me',
          { hospitalId: 'H-0043' },
          { token: refreshed.body.accessToken },
        );
        assert.equal(moved.body.insiderVerified, false);
        assert.equal(moved.body.hospitalId, 'H-0043');
      });
    });

    describe('email verification', { skip: missing }, () => {
      it('sends a code through the outbox and verifies the address with it', async () => {
        const a = await auth.signupAndLogin();
        const sent = await auth.api.post('/api/auth/email/verification', undefined, { token: a.token });
        assert.equal(sent.status, 202);
        assert.match(sent.body.sentTo, /^me\*+@example\.com$/);
        const mail = await auth.latestMailTo(a.member.email);
        const code = codeFrom(mail.body);
        const wrongCode = code === '000000' ? '111111' : '000000';
        const wrong = await auth.api.post('/api/auth/email/verify', { code: wrongCode }, { token: a.token });
        assert.equal(wrong.status, 400);
        assert.deepEqual(fields(wrong.body), ['code']);
        const malformed = await auth.api.post('/api/auth/email/verify', { code: '12ab' }, { token: a.token });
        assert.equal(malformed.status, 400);
        const ok = await auth.api.post('/api/auth/email/verify', { code }, { token: a.token });
        assert.equal(ok.status, 200);
        assert.equal(ok.body.emailVerified, true);
        const again = await auth.api.post('/api/auth/email/verification', undefined, { token: a.token });
        assert.equal(again.status, 409);
      });

      it('delivers outbox mail (logged without SMTP) and marks it sent', async () => {
        const a = await auth.signupAndLogin();
        await auth.api.post('/api/auth/email/verification', undefined, { token: a.token });
        let mail = await auth.latestMailTo(a.member.email);
        for (let i = 0; i < 50 && !mail.sent_at; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          mail = await auth.latestMailTo(a.member.email);
        }
        assert.ok(mail.sent_at, 'the dispatcher marked the message sent');
      });

      it('refuses a second code within the cooldown with Retry-After', async () => {
        const a = await auth.signupAndLogin();
        assert.equal((await auth.api.post('/api/auth/email/verification', undefined, { token: a.token })).status, 202);
        const soon = await auth.api.post('/api/auth/email/verification', undefined, { token: a.token });
        assert.equal(soon.status, 429);
        assert.ok(Number(soon.headers.get('retry-after')) > 0);
      });

      it('locks the code after 5 wrong attempts', async () => {
        const a = await auth.signupAndLogin();
        await auth.api.post('/api/auth/email/verification', undefined, { token: a.token });
        const code = codeFrom((await auth.latestMailTo(a.member.email)).body);
        const wrongCode = code === '999999' ? '888888' : '999999';
        for (let i = 0; i < 5; i++) {
          assert.equal(
            (await auth.api.post('/api/auth/email/verify', { code: wrongCode }, { token: a.token })).status,
            400,
          );
        }
        const locked = await auth.api.post('/api/auth/email/verify', { code }, { token: a.token });
        assert.equal(locked.status, 429);
        assert.equal(locked.body.key, 'AUTH.EMAIL_CODE_LOCKED');
      });

      it('refuses an expired code', async () => {
        const a = await auth.signupAndLogin();
        await auth.api.post('/api/auth/email/verification', undefined, { token: a.token });
        const code = codeFrom((await auth.latestMailTo(a.member.email)).body);
        await auth.dataSource.query('UPDATE email_verifications SET expires_at = ? WHERE user_id = ?', [
          new Date(Date.now() - 1000).toISOString().replace('T', ' ').replace('Z', ''),
          a.session.user.id,
        ]);
        const res = await auth.api.post('/api/auth/email/verify', { code }, { token: a.token });
        assert.equal(res.status, 400);
        assert.equal(res.body.key, 'AUTH.EMAIL_CODE_EXPIRED');
      });
    });

    describe('account deletion', { skip: missing }, () => {
      it('needs the password, then removes the account and its sessions', async () => {
        const a = await auth.signupAndLogin();
        assert.deepEqual(fields((await auth.api.delete('/api/auth/me', {}, { token: a.token })).body), ['password']);
        assert.equal(
          (await auth.api.delete('/api/auth/me', { password: 'not the password' }, { token: a.token })).status,
          400,
        );
        const gone = await auth.api.delete('/api/auth/me', { password: a.member.password }, { token: a.token });
        assert.equal(gone.status, 204);
        const me = await auth.api.get('/api/auth/me', { token: a.token });
        assert.equal(me.status, 401);
        assert.equal(me.body.key, 'AUTH.ACCOUNT_GONE');
        assert.equal((await auth.refresh(a.cookie)).status, 401);
        assert.equal((await auth.login(a.member.email, a.member.password, '10.6.0.1')).status, 401);
        const [{ n }] = await auth.dataSource.query('SELECT COUNT(*) AS n FROM users WHERE email = ?', [
          a.member.email.toLowerCase(),
        ]);
        assert.equal(Number(n), 0);
        assert.equal((await auth.api.post('/api/auth/signup', a.member)).status, 201, 'the email is free again');
      });

      it('queues the erasure for the services holding content, and retries while they are down', async () => {
        const a = await auth.signupAndLogin();
        assert.equal(
          (await auth.api.delete('/api/auth/me', { password: a.member.password }, { token: a.token })).status,
          204,
        );
        const pending = async () =>
          (
            await auth.dataSource.query(
              'SELECT service_url, attempts, last_error, next_attempt_at, sent_at FROM erasure_requests WHERE author_sub = ?',
              [a.session.user.id],
            )
          )[0];
        let row = await pending();
        for (let i = 0; i < 50 && !row.last_error; i++) {
          await new Promise((r) => setTimeout(r, 100));
          row = await pending();
        }
        assert.equal(row.service_url, 'http://127.0.0.1:9');
        assert.equal(Number(row.attempts), 1);
        assert.ok(row.last_error, 'the failure is recorded');
        assert.ok(row.next_attempt_at, 'and retried later');
        assert.equal(row.sent_at, null);
      });
    });

    describe('operations', { skip: missing }, () => {
      it('is live and ready, with the database checked', async () => {
        assert.equal((await auth.api.get('/healthz')).status, 200);
        const ready = await auth.api.get('/readyz');
        assert.equal(ready.status, 200);
        assert.deepEqual(ready.body.checks.database, { ok: true });
      });

      it('documents its API', async () => {
        const doc = await auth.api.get('/api/auth/docs/openapi.json');
        assert.ok(doc.body.paths['/api/auth/signup'].post);
        assert.ok(doc.body.paths['/api/auth/.well-known/jwks.json'].get);
      });
    });
  });
}
