// The browser journeys set up their data through the product's own HTTP API, as a member would:
// one JSON caller and one sign-up that ends with a verified email and a fresh access token.
import assert from 'node:assert/strict';
import type { Stack } from './stack.js';

export interface ApiCall {
  method?: string;
  body?: unknown;
  token?: string;
}

/** Calls the API through the stack's gateway; a non-2xx answer fails the test with its body. */
// biome-ignore lint/suspicious/noExplicitAny: journeys read fields straight off the JSON answers
export async function callApi<T = any>(stack: Stack, path: string, call: ApiCall = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  const response = await fetch(`${stack.url}${path}`, {
    method: call.method ?? (call.body === undefined ? 'GET' : 'POST'),
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Member {
  email: string;
  password: string;
  nickname: string;
  token: string;
}

/** Logs in and returns a fresh access token. */
export async function logIn(stack: Stack, who: { email: string; password: string }): Promise<string> {
  const session = await callApi<{ accessToken: string }>(stack, '/api/auth/login', {
    body: { email: who.email, password: who.password },
  });
  return session.accessToken;
}

/**
 * Signs a member up (extra fields such as hospitalId and jobCategory go with the sign-up), verifies
 * the email with the mailed code and logs in again, so the token carries the verified email.
 * Sign-ups are limited per address (5 an hour): suites share members where they can.
 */
export async function signUpMember(
  stack: Stack,
  who: { email: string; password: string; nickname: string },
  extra: Record<string, unknown> = {},
): Promise<Member> {
  await callApi(stack, '/api/auth/signup', { body: { ...who, ...extra } });
  const first = await logIn(stack, who);
  await callApi(stack, '/api/auth/email/verify', { body: { code: await stack.emailCode(who.email) }, token: first });
  return { ...who, token: await logIn(stack, who) };
}
