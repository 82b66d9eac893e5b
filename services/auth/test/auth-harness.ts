import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionResponse } from '@carebridge/contracts';
import type { Dialect } from '@carebridge/platform';
import { startTestService, TestServiceHarness } from '@carebridge/platform/testing';
import { type JWK, SignJWT } from 'jose';
import { AppModule, SERVICE } from '../src/app.module.js';
import { AuthConfig } from '../src/config.js';

/** The real auth service on a database of its own, reached over HTTP. */
export class AuthHarness extends TestServiceHarness {
  private seq = 0;

  constructor(
    readonly dialect: Dialect,
    private readonly env: Record<string, string> = {},
  ) {
    super();
  }

  async start(): Promise<void> {
    this.running = await startTestService({
      service: SERVICE,
      dialect: this.dialect,
      config: AuthConfig,
      module: (config) => AppModule.forRoot(config),
      apiPrefix: 'api/auth',
      env: this.env,
    });
  }

  /** A distinct, valid sign-up each call. */
  newMember(overrides: Record<string, unknown> = {}) {
    const n = ++this.seq;
    return {
      email: `member${n}.${process.pid}@Example.com`,
      password: `long enough password ${n}`,
      nickname: `회원${n}`,
      jobCategory: 'nurse',
      ...overrides,
    };
  }

  /** Signs up from an address of its own each call (sign-ups are limited per address). */
  signup(member: Record<string, unknown>, address = `10.100.${(++this.seq >> 8) & 255}.${this.seq & 255}`) {
    return this.api.post('/api/auth/signup', member, { headers: { 'x-forwarded-for': address } });
  }

  async signupAndLogin(overrides: Record<string, unknown> = {}, address = '10.9.0.1') {
    const member = this.newMember(overrides);
    const signup = await this.signup(member);
    if (signup.status !== 202) throw new Error(`signup failed: ${JSON.stringify(signup.body)}`);
    const login = await this.login(member.email, member.password, address);
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    return {
      member,
      session: login.body as SessionResponse,
      cookie: refreshCookie(login.headers),
      token: (login.body as SessionResponse).accessToken,
    };
  }

  login(email: string, password: string, address = '10.9.0.1') {
    return this.api.post('/api/auth/login', { email, password }, { headers: { 'x-forwarded-for': address } });
  }

  /** Confirms the member's address with the code mailed at sign-up; returns a token that says so. */
  async verifyEmail(email: string, token: string, cookie: string | undefined) {
    const code = codeFrom((await this.latestMailTo(email)).body);
    const res = await this.api.post('/api/auth/email/verify', { code }, { token });
    if (res.status !== 200) throw new Error(`verify failed: ${JSON.stringify(res.body)}`);
    const refreshed = await this.refresh(cookie);
    return { token: (refreshed.body as SessionResponse).accessToken, cookie: refreshCookie(refreshed.headers) };
  }

  /** Moves a timestamp column of matching rows back by `seconds`, as if that time had passed. */
  async age(table: string, column: string, where: string, params: unknown[], seconds: number) {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${column} AS t FROM ${table} WHERE ${where}`,
      params,
    );
    for (const row of rows) {
      const was = row.t instanceof Date ? row.t : new Date(`${String(row.t).replace(' ', 'T')}Z`);
      const at = new Date(was.getTime() - seconds * 1000);
      await this.dataSource.query(`UPDATE ${table} SET ${column} = ? WHERE ${where}`, [sqlTime(at), ...params]);
    }
  }

  refresh(cookie: string | undefined) {
    return this.api.post('/api/auth/refresh', undefined, cookie ? { headers: { cookie } } : {});
  }

  /** Signs a token with the service's own current key, with claims of the test's choosing. */
  async forgeWithServiceKey(payload: Record<string, unknown>, expiresAt: number, audience = 'carebridge') {
    const keys = JSON.parse(readFileSync(join(this.db.dataDir, 'auth-jwt-keys.json'), 'utf8')) as { keys: JWK[] };
    const jwk = keys.keys[0] as JWK;
    const { importJWK } = await import('jose');
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid as string })
      .setIssuer('carebridge-auth')
      .setAudience(audience)
      .setIssuedAt(expiresAt - 900)
      .setExpirationTime(expiresAt)
      .sign(await importJWK(jwk, 'EdDSA'));
  }

  async latestMailTo(email: string): Promise<{ subject: string; body: string; sent_at: unknown }> {
    const rows = await this.dataSource.query(
      'SELECT subject, body, sent_at FROM mail_outbox WHERE recipient = ? ORDER BY created_at DESC',
      [email.toLowerCase()],
    );
    return rows[0];
  }
}

/** A UTC date-time as MySQL and SQLite take it in a parameter. */
export function sqlTime(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

export function refreshCookie(headers: Headers): string | undefined {
  const header = headers.getSetCookie().find((c) => c.startsWith('cb_refresh='));
  return header?.split(';')[0];
}

export function codeFrom(mailBody: string): string {
  const match = /(\d{6})/.exec(mailBody);
  if (!match?.[1]) throw new Error(`no code in mail: ${mailBody}`);
  return match[1];
}
