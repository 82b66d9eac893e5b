import { createHash } from 'node:crypto';
import type { Caller } from '@carebridge/platform';
import type { FastifyRequest } from 'fastify';

/** Who is reading, for view counting: the member, or a visitor's address and browser, hashed. */
export function viewerKey(req: FastifyRequest, caller: Caller | undefined): string {
  if (caller) return `member:${caller.sub}`;
  const fingerprint = `${req.ip ?? ''}|${req.headers['user-agent'] ?? ''}`;
  return `visitor:${createHash('sha256').update(fingerprint).digest('base64url').slice(0, 40)}`;
}
