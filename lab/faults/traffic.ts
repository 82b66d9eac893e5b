import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** One write the suite sent, with everything its checks need. */
export interface WriteRecord {
  kind: 'post' | 'comment' | 'like' | 'review' | 'helpful' | 'signup' | 'erase';
  /** What finds the record in the database: a post's title, a comment's body, a signup's email… */
  marker: string;
  member: string;
  /** A 2xx answer reached the client (after retries with the same Idempotency-Key). */
  acknowledged: boolean;
  /** The final answer's status (0: none); the attempts before it. */
  status: number;
  attempts: number;
  /** Attempts answered 5xx, 409 or not at all. */
  failedAttempts: number;
  /** The status of every attempt, in order (0: no answer). */
  attemptStatuses: number[];
  id?: string;
  target?: string;
  startedAt: number;
  endedAt: number;
}

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field
  body: any;
}

/** Sends JSON through the gateway; status 0 when no answer came (connection refused or reset). */
export async function send(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; key?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers['idempotency-key'] = options.key;
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, body };
  } catch {
    return { status: 0, body: undefined };
  }
}

/** Worth sending again with the same key: no answer, a server or gateway failure, or the key still held. */
export const retriable = (status: number) => status === 0 || status >= 500 || status === 409 || status === 429;

/**
 * A client as the web app is one: a write carries one Idempotency-Key for all its attempts and is
 * sent again (after a pause) while the answer is retriable, until `giveUpMs` has passed.
 */
export async function write(
  base: string,
  record: Omit<
    WriteRecord,
    'acknowledged' | 'status' | 'attempts' | 'failedAttempts' | 'attemptStatuses' | 'startedAt' | 'endedAt'
  >,
  request: { method: string; path: string; token: string | undefined; body?: unknown },
  giveUpMs: number,
): Promise<WriteRecord> {
  const key = randomUUID();
  const startedAt = Date.now();
  let attempts = 0;
  let failedAttempts = 0;
  let answer: Answer = { status: 0, body: undefined };
  const attemptStatuses: number[] = [];
  for (;;) {
    attempts++;
    answer = await send(base, request.method, request.path, {
      ...(request.token ? { token: request.token } : {}),
      ...(request.body === undefined ? {} : { body: request.body }),
      key,
    });
    attemptStatuses.push(answer.status);
    if (!retriable(answer.status)) break;
    failedAttempts++;
    if (Date.now() - startedAt > giveUpMs) break;
    await sleep(Math.min(250 * attempts, 2_000));
  }
  const acknowledged = answer.status >= 200 && answer.status < 300;
  return {
    ...record,
    acknowledged,
    status: answer.status,
    attempts,
    failedAttempts,
    attemptStatuses,
    ...(acknowledged && typeof answer.body?.id === 'string' ? { id: answer.body.id } : {}),
    startedAt,
    endedAt: Date.now(),
  };
}

/** Reads that go on beside the writes; counted, never retried. */
export interface ReadStats {
  sent: number;
  failed: number;
}

export async function readLoop(base: string, paths: string[], stop: () => boolean, stats: ReadStats): Promise<void> {
  let i = 0;
  while (!stop()) {
    const res = await send(base, 'GET', paths[i++ % paths.length] as string, { timeoutMs: 10_000 });
    stats.sent++;
    if (res.status === 0 || res.status >= 500) stats.failed++;
    await sleep(50);
  }
}
