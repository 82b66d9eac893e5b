import { randomUUID } from 'node:crypto';
import Sqlite from 'better-sqlite3';
import { send } from './traffic.js';

export interface Member {
  sub: string;
  email: string;
  password: string;
  token: string;
}

const subOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()).sub as string;

/** The 6-digit code auth mailed last to `email` (its mail outbox, in its embedded store). */
function mailedCode(authDb: string, email: string): string | undefined {
  const db = new Sqlite(authDb, { readonly: true });
  try {
    const mail = db
      .prepare('SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY created_at DESC')
      .get(email.toLowerCase()) as { body: string } | undefined;
    return mail ? /(\d{6})/.exec(mail.body)?.[1] : undefined;
  } finally {
    db.close();
  }
}

/** A member through the real auth service: sign-up, the mailed code, a token that may write. */
export async function signUpWriter(base: string, authDb: string, hospitalId?: string): Promise<Member> {
  const tag = randomUUID().slice(0, 8);
  const member = {
    email: `fault-${tag}@example.com`,
    password: `fault suite passphrase ${tag}`,
    nickname: `장애${tag}`,
    jobCategory: 'nurse',
    ...(hospitalId ? { hospitalId } : {}),
  };
  const signup = await send(base, 'POST', '/api/auth/signup', { body: member });
  if (signup.status !== 202) throw new Error(`sign-up answered ${signup.status}: ${JSON.stringify(signup.body)}`);
  const credentials = { email: member.email, password: member.password };
  const first = await send(base, 'POST', '/api/auth/login', { body: credentials });
  const code = mailedCode(authDb, member.email);
  const verified = await send(base, 'POST', '/api/auth/email/verify', {
    body: { code },
    token: first.body.accessToken,
  });
  if (verified.status !== 200) throw new Error(`email verification answered ${verified.status}`);
  const token = (await send(base, 'POST', '/api/auth/login', { body: credentials })).body.accessToken as string;
  return { sub: subOf(token), email: member.email, password: member.password, token };
}
