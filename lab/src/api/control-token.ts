import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const READS = new Set(['GET', 'HEAD']);

/** The header the dashboard and the README's curl examples send the lab's token in. */
export const LAB_TOKEN_HEADER = 'authorization';

/**
 * Whether a request to the lab's control API may go on: reads of state are open, every write needs
 * `Authorization: Bearer <token>` with the token the lab printed at start-up.
 */
export function controlAllowed(req: IncomingMessage, token: string): boolean {
  if (READS.has(req.method ?? '')) return true;
  const header = req.headers[LAB_TOKEN_HEADER];
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] !== undefined && sameSecret(match[1], token);
}

/** Compares digests so neither the length nor the content leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
