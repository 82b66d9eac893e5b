import { AUTH_REFRESH_PATH, type FieldError, type Problem, type SessionResponse } from '@carebridge/contracts';
import { session } from './session';

/** A failed request: an HTTP error answer (with its problem document) or no answer at all. */
export class ApiError extends Error {
  constructor(
    /** 0 when the request never got an answer (offline, connection refused). */
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
  }

  get key(): string | undefined {
    return this.problem?.key;
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /** Worth trying again: no answer, or the server (or gateway) failed. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(
  path: string,
  options: RequestOptions,
  token: string | null,
  idempotencyKey?: string,
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  try {
    return await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, null);
  }
}

async function readProblem(response: Response): Promise<Problem | null> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return typeof body.key === 'string' ? (body as Problem) : null;
  } catch {
    return null;
  }
}

/**
 * The only HTTP client of the app. Adds the in-memory access token, renews it once through the
 * refresh cookie when an answer says 401 (or a 403 a newer token may not get), and turns every
 * failure into an ApiError.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  await session.ready;
  const token = session.accessToken;
  // One key for every attempt of this write: a resend whose first answer was lost is not a second post.
  const key = options.method === 'POST' ? idempotencyKey() : undefined;
  let response = await sendAgainIfLost(path, options, token, key);
  if (token && (await staleToken(response)) && (await refreshSession())) {
    response = await sendAgainIfLost(path, options, session.accessToken, key);
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204 || response.status === 202) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Resends of a POST whose answer never came or was a gateway failure, after these pauses. */
export const WRITE_RETRY_DELAYS_MS = [500, 1500];
const LOST_ANSWER = new Set([502, 503, 504]);

/** Sends a keyed write again (same key) while its answer is lost; anything else is sent once. */
async function sendAgainIfLost(path: string, options: RequestOptions, token: string | null, key?: string) {
  for (let attempt = 0; ; attempt++) {
    const delay = key ? WRITE_RETRY_DELAYS_MS[attempt] : undefined;
    try {
      const response = await send(path, options, token, key);
      if (delay === undefined || !LOST_ANSWER.has(response.status)) return response;
    } catch (error) {
      if (delay === undefined || !(error instanceof ApiError)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a LAN address over http is not one.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Keys of 403 answers that a newer access token may not get: the session was revoked (password
 * changed elsewhere, nickname or workplace changed) or the email was verified since the token.
 */
const REFRESHABLE_REFUSALS = new Set(['AUTH.TOKEN_REVOKED', 'AUTH.EMAIL_NOT_VERIFIED']);

async function staleToken(response: Response): Promise<boolean> {
  if (response.status === 401) return true;
  if (response.status !== 403) return false;
  const problem = await readProblem(response.clone());
  return problem !== null && REFRESHABLE_REFUSALS.has(problem.key);
}

let refreshing: Promise<boolean> | null = null;

/**
 * Renews the access token with the refresh cookie. Concurrent callers share one request, and tabs
 * take turns (Web Locks), because presenting a refresh token twice revokes the whole session.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const run = async () => {
        const response = await send(AUTH_REFRESH_PATH, { method: 'POST' }, null);
        if (!response.ok) {
          session.clear();
          return false;
        }
        session.signIn((await response.json()) as SessionResponse);
        return true;
      };
      return typeof navigator !== 'undefined' && navigator.locks
        ? await navigator.locks.request('carebridge-refresh', run)
        : await run();
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}
