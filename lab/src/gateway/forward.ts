import { randomUUID } from 'node:crypto';
import { type Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { problem } from '../http/problem.js';
import type { Replica } from '../supervisor/replica.js';
import type { Backend } from './backend.js';
import type { Outcome } from './outlier-detector.js';

export interface ForwardOptions {
  /** Whole-request deadline (the route's `timeout`). */
  timeoutMs: number | undefined;
  retries: { attempts: number; perTryTimeoutMs: number | undefined; retryOn: string[] };
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Attempt =
  | { kind: 'response'; response: IncomingMessage; replica: Replica; started: number }
  | { kind: 'failure'; reason: 'connect' | 'reset' | 'timeout'; message: string; replica: Replica };

/**
 * Sends a request to one of the backend's replicas, as Envoy's router does: retries on the
 * route's conditions, never to a replica already tried, and only requests that are safe to repeat
 * and have no body (so bodies are streamed, never buffered whole), or POSTs whose Idempotency-Key
 * makes them safe to repeat (their small body held, sent again once on a failed connection); per-try and whole-request
 * timeouts; passive health results to the backend.
 */
export async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  backend: Backend,
  options: ForwardOptions,
  agent: Agent,
  target = req.url ?? '/',
): Promise<void> {
  const requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID();
  const headers = upstreamHeaders(req, requestId);
  // A body is streamed, not buffered, so only a bodiless request can be repeated, whatever its method
  // (an OPTIONS or GET with a body sent bodiless would leave the replica waiting for it) — except a
  // POST carrying an Idempotency-Key: the services make it safe to repeat, so its (small) body is
  // buffered and it is sent again, once, when the replica's connection failed before any answer.
  let keyed: Buffer | undefined;
  try {
    keyed = await keyedPostBody(req);
  } catch {
    // The client went away while sending its body: nobody is left to answer.
    res.destroy();
    return;
  }
  const repeatable =
    keyed !== undefined ||
    (!hasBody(req) && (SAFE_METHODS.has(req.method ?? '') || ['PUT', 'DELETE'].includes(req.method ?? '')));
  const maxAttempts = 1 + (keyed ? 1 : repeatable ? options.retries.attempts : 0);
  const tried = new Set<string>();
  let deadlineHit = false;
  let current: { abort(): void } | undefined;
  const deadline = options.timeoutMs
    ? setTimeout(() => {
        deadlineHit = true;
        current?.abort();
      }, options.timeoutMs)
    : undefined;
  try {
    let last: Attempt | undefined;
    for (let attempt = 0; attempt < maxAttempts && !deadlineHit; attempt++) {
      const replica = backend.choose(tried);
      if (!replica) break;
      tried.add(replica.id);
      backend.begin(replica.id);
      const outcome = await once(
        req,
        target,
        replica,
        headers,
        options.retries.perTryTimeoutMs,
        agent,
        keyed ?? (repeatable ? 'none' : 'stream'),
        (c) => {
          current = c;
        },
      );
      last = outcome;
      if (outcome.kind === 'failure') {
        backend.finish(replica.id, 'gateway-error', undefined);
        const again = keyed ? outcome.reason !== 'timeout' : retriable(outcome, options.retries.retryOn);
        if (!deadlineHit && attempt + 1 < maxAttempts && again) {
          if (keyed) backend.keyedPostsResent++;
          continue;
        }
        break;
      }
      const status = outcome.response.statusCode ?? 502;
      const result: Outcome = status >= 502 && status <= 504 ? 'gateway-error' : status >= 500 ? '5xx' : 'success';
      if (
        !keyed &&
        result !== 'success' &&
        attempt + 1 < maxAttempts &&
        !deadlineHit &&
        retriableStatus(status, options.retries.retryOn)
      ) {
        outcome.response.resume();
        backend.finish(replica.id, result, Date.now() - outcome.started);
        continue;
      }
      relay(outcome.response, res, replica, requestId, () =>
        backend.finish(replica.id, result, Date.now() - outcome.started),
      );
      return;
    }
    if (deadlineHit)
      return problem(
        res,
        504,
        'GATEWAY.UPSTREAM_TIMEOUT',
        `${backend.name} took longer than the route's timeout.`,
        requestId,
      );
    if (!last)
      return problem(res, 503, 'GATEWAY.NO_READY_REPLICA', `No replica of ${backend.name} is ready.`, requestId);
    if (last.kind === 'failure') {
      const timeout = last.reason === 'timeout';
      return problem(
        res,
        timeout ? 504 : 502,
        timeout ? 'GATEWAY.UPSTREAM_TIMEOUT' : 'GATEWAY.UPSTREAM_ERROR',
        `${backend.name}: ${last.message}`,
        requestId,
      );
    }
  } finally {
    if (deadline) clearTimeout(deadline);
  }
}

function once(
  req: IncomingMessage,
  target: string,
  replica: Replica,
  headers: Record<string, string | string[]>,
  perTryTimeoutMs: number | undefined,
  agent: Agent,
  body: Buffer | 'none' | 'stream',
  expose: (handle: { abort(): void }) => void,
): Promise<Attempt> {
  return new Promise((resolve) => {
    const started = Date.now();
    const url = new URL(target, replica.url);
    let settled = false;
    const settle = (attempt: Attempt) => {
      if (!settled) {
        settled = true;
        resolve(attempt);
      }
    };
    const upstream = request(url, { method: req.method, headers, agent }, (response) => {
      clearTimeout(timer);
      settle({ kind: 'response', response, replica, started });
    });
    const timer = perTryTimeoutMs
      ? setTimeout(() => {
          upstream.destroy();
          settle({ kind: 'failure', reason: 'timeout', message: 'per-try timeout', replica });
        }, perTryTimeoutMs)
      : undefined;
    expose({
      abort: () => {
        upstream.destroy();
        settle({ kind: 'failure', reason: 'timeout', message: 'route timeout', replica });
      },
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const reason = error.code === 'ECONNREFUSED' ? 'connect' : 'reset';
      settle({ kind: 'failure', reason, message: error.message, replica });
    });
    if (body === 'stream') req.pipe(upstream);
    else upstream.end(body === 'none' ? undefined : body);
  });
}

function retriable(attempt: Extract<Attempt, { kind: 'failure' }>, retryOn: string[]): boolean {
  switch (attempt.reason) {
    case 'connect':
      return retryOn.some((c) =>
        ['connect-failure', 'refused-stream', 'reset', 'reset-before-request', 'gateway-error', '5xx'].includes(c),
      );
    case 'reset':
      return retryOn.some((c) => ['reset', 'reset-before-request', 'refused-stream', '5xx'].includes(c));
    case 'timeout':
      return retryOn.some((c) => ['5xx', 'gateway-error'].includes(c));
  }
}

function retriableStatus(status: number, retryOn: string[]): boolean {
  if (retryOn.includes('5xx')) return true;
  return retryOn.includes('gateway-error') && status >= 502 && status <= 504;
}

/** The largest keyed POST body the gateway holds in memory to send again; larger ones are streamed, once. */
const KEYED_BODY_LIMIT = 256 * 1024;

/** The body of a POST with an Idempotency-Key and a declared, small length, read whole; otherwise undefined. */
async function keyedPostBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const length = Number(req.headers['content-length'] ?? Number.NaN);
  if (req.method !== 'POST' || req.headers['idempotency-key'] === undefined) return undefined;
  if (!Number.isInteger(length) || length > KEYED_BODY_LIMIT || req.headers['transfer-encoding'] !== undefined)
    return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function upstreamHeaders(req: IncomingMessage, requestId: string): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers['x-request-id'] = requestId;
  const client = req.socket.remoteAddress ?? '';
  const forwardedFor = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${client}` : client;
  headers['x-forwarded-proto'] = 'http';
  if (req.headers['transfer-encoding']) headers['transfer-encoding'] = req.headers['transfer-encoding'];
  return headers;
}

function relay(
  response: IncomingMessage,
  res: ServerResponse,
  replica: Replica,
  requestId: string,
  done: () => void,
): void {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  out['x-request-id'] ??= requestId;
  out['x-lab-replica'] = replica.id;
  res.writeHead(response.statusCode ?? 502, out);
  let finished = false;
  const finish = () => {
    if (!finished) {
      finished = true;
      done();
    }
  };
  response.on('end', finish);
  response.on('error', finish);
  res.on('close', finish);
  response.pipe(res);
}
