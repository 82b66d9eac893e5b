import { createHash } from 'node:crypto';

/** The request header a client sets on a POST it may have to send again (as Stripe and others do). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer replayed from a key's first request. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** A key is remembered this long after its first request. */
export const KEY_TTL_MS = 24 * 3600 * 1000;
/**
 * A request that holds a key and has not answered within this long is taken to have died with its
 * process (longer than any route's timeout, 10 s): a retry may then run it again.
 */
export const LEASE_MS = 20_000;

/** How long a duplicate waits for the first request of its key to answer before it is told 409. */
export const DUPLICATE_WAIT_MS = 5_000;

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/** What is wrong with a key as sent, or undefined when it is usable. */
export function keyProblem(key: string): string | undefined {
  return KEY_SHAPE.test(key) ? undefined : 'must be 1 to 255 visible ASCII characters (a UUID is best)';
}

/** The request a key stands for: method, path with query, and the body, with object keys in order. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${canonicalJson(body)}`)
    .digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A key as stored: held by a running request (`pending`) or answered (`done`). */
export interface KeyRecord {
  fingerprint: string;
  state: 'pending' | 'done';
  responseStatus: number | null;
  responseBody: string | null;
  leaseUntil: number;
  expiresAt: number;
}

export type KeyDecision =
  | { action: 'run' }
  | { action: 'replay'; status: number; body: unknown }
  | { action: 'mismatch' }
  | { action: 'wait' }
  | { action: 'take-over' }
  | { action: 'forget' };

/**
 * What to do with a request whose key is already stored: a different request under the same key
 * is refused; an answered one is replayed; one still running is waited for, unless its holder's
 * lease ran out (it died mid-request and left nothing, or the write without its answer); an
 * expired key is forgotten and the request runs as new.
 */
export function decide(record: KeyRecord | undefined, fingerprint: string, now: number): KeyDecision {
  if (!record) return { action: 'run' };
  if (record.expiresAt <= now) return { action: 'forget' };
  if (record.fingerprint !== fingerprint) return { action: 'mismatch' };
  if (record.state === 'done') {
    return {
      action: 'replay',
      status: record.responseStatus ?? 200,
      body: record.responseBody === null ? undefined : JSON.parse(record.responseBody),
    };
  }
  return record.leaseUntil <= now ? { action: 'take-over' } : { action: 'wait' };
}
