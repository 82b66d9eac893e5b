import { REFRESH_COOKIE_NAME } from '@carebridge/contracts';
import { serialize } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthConfig } from '../config.js';

const COOKIE_PATH = '/api/auth';

export function readRefreshCookie(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE_NAME) return decodeCookieValue(value.join('='));
  }
  return undefined;
}

/** A cookie we never set (`cb_refresh=%zz`) is no session: treated as absent, not as our error. */
function decodeCookieValue(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw) || undefined;
  } catch {
    return undefined;
  }
}

export function writeRefreshCookie(reply: FastifyReply, token: string, config: AuthConfig): void {
  const maxAge = config.REFRESH_TOKEN_TTL_SECONDS;
  void reply.header(
    'Set-Cookie',
    serialize(REFRESH_COOKIE_NAME, token, {
      ...cookieScope(config),
      maxAge,
      expires: new Date(Date.now() + maxAge * 1000),
    }),
  );
}

export function clearRefreshCookie(reply: FastifyReply, config: AuthConfig): void {
  void reply.header('Set-Cookie', serialize(REFRESH_COOKIE_NAME, '', { ...cookieScope(config), expires: new Date(0) }));
}

/** Where the cookie goes and who may read it: only our auth API, over HTTPS when deployed, never scripts. */
function cookieScope(config: AuthConfig) {
  return { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: COOKIE_PATH } as const;
}
