import { randomUUID } from 'node:crypto';
import { mailedCode } from '../test/support.js';
import { send } from './traffic.js';

export interface Member {
  sub: string;
  email: string;
  password: string;
  token: string;
}

const subOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()).sub as string;

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
