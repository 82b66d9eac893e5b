import { createHash } from 'node:crypto';
import type { Caller } from '@carebridge/platform';
import type { Request } from 'express';

/** Who is reading, for view counting: the member, or a visitor's address and browser, hashed. */
export function viewerKey(req: Request, caller: Caller | undefined): string {
  if (caller) return `member:${caller.sub}`;
  const fingerprint = `${req.ip ?? ''}|${req.header('user-agent') ?? ''}`;
  return `visitor:${createHash('sha256').update(fingerprint).digest('base64url').slice(0, 40)}`;
}
