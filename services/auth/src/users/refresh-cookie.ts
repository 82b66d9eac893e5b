import { REFRESH_COOKIE_NAME } from '@carebridge/contracts';
import type { Request, Response } from 'express';
import type { AuthConfig } from '../config.js';

const COOKIE_PATH = '/api/auth';

export function readRefreshCookie(req: Request): string | undefined {
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

export function writeRefreshCookie(res: Response, token: string, config: AuthConfig): void {
  res.cookie(REFRESH_COOKIE_NAME, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: COOKIE_PATH,
    maxAge: config.REFRESH_TOKEN_TTL_SECONDS * 1000,
  });
}

export function clearRefreshCookie(res: Response, config: AuthConfig): void {
  res.clearCookie(REFRESH_COOKIE_NAME, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: COOKIE_PATH,
  });
}
