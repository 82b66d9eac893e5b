// Verified members for the insiders, made before the clock starts: signed up through the gateway,
// email confirmed with the code the auth service wrote to its outbox (the embedded default keeps it in
// <data>/auth/auth.sqlite, as lab/test/accounts-attacks.e2e.ts reads it). JMeter logs them in.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';

async function call(base, path, { body, token } = {}) {
  const response = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body ?? {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
  return text === '' ? {} : JSON.parse(text);
}

async function codeFor(dataDir, email, deadline = Date.now() + 15_000) {
  for (;;) {
    const db = new Sqlite(join(dataDir, 'auth', 'auth.sqlite'), { readonly: true });
    try {
      const mail = db
        .prepare('SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY created_at DESC')
        .get(email.toLowerCase());
      const code = mail && /(\d{6})/.exec(mail.body)?.[1];
      if (code) return code;
    } finally {
      db.close();
    }
    if (Date.now() > deadline) throw new Error(`no verification mail for ${email} in the auth outbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `count` members with confirmed email; returns their credentials. */
export async function verifiedMembers(base, dataDir, count) {
  const run = randomBytes(4).toString('hex');
  const members = [];
  for (let i = 0; i < count; i++) {
    const member = { email: `load-${run}-${i}@example.com`, password: `Load-${randomBytes(12).toString('base64url')}` };
    await call(base, '/api/auth/signup', { body: { ...member, nickname: `load${run}${i}`, jobCategory: 'nurse' } });
    const { accessToken } = await call(base, '/api/auth/login', { body: member });
    await call(base, '/api/auth/email/verify', {
      body: { code: await codeFor(dataDir, member.email) },
      token: accessToken,
    });
    members.push(member);
  }
  return members;
}
