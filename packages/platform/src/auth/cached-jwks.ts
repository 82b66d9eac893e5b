import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface CachedJwksOptions {
  /** Keys older than this are refreshed in the background; the cached ones keep verifying meanwhile. */
  refreshMs?: number;
  /** Least time between two fetches caused by unknown `kid`s. */
  cooldownMs?: number;
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/** What the key cache knows about the key server, for readiness details. */
export interface JwksStatus {
  keys: number;
  fetchedAt: number | undefined;
  /** Set while the key server fails to answer: since when, and why. */
  failingSince: number | undefined;
  error: string | undefined;
}

/**
 * A remote JWKS that keeps its last good copy for as long as the key server is away: tokens signed
 * with known keys still verify, and only a token with a new `kid` waits for a fetch. (jose's own
 * remote set drops its copy after `cacheMaxAge` and then fails every token while auth is down.)
 */
export class CachedJwks {
  private keys: ReturnType<typeof createLocalJWKSet> | undefined;
  private count = 0;
  private fetchedAt: number | undefined;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private failingSince: number | undefined;
  private error: string | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly url: URL,
    private readonly options: CachedJwksOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.keys) await this.refresh();
    else if (this.now() - (this.fetchedAt ?? 0) > (this.options.refreshMs ?? 10 * 60_000)) void this.refresh();
    if (!this.keys) throw new errors.JWKSInvalid(`no signing keys: ${this.error ?? 'not fetched'}`);
    try {
      return await this.keys(header, token);
    } catch (error) {
      const coolingDown = this.now() - this.lastAttempt < (this.options.cooldownMs ?? 30_000);
      if (!(error instanceof errors.JWKSNoMatchingKey) || coolingDown) throw error;
      await this.refresh();
      return await this.keys(header, token);
    }
  };

  status(): JwksStatus {
    return { keys: this.count, fetchedAt: this.fetchedAt, failingSince: this.failingSince, error: this.error };
  }

  /** Fetches the keys unless a fetch is running (then joins it); never throws. */
  refresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Refreshes when the copy is older than `ageMs`: how a readiness check learns the server went away. */
  async refreshIfOlderThan(ageMs: number): Promise<void> {
    if (this.now() - Math.max(this.lastAttempt, this.fetchedAt ?? 0) >= ageMs) await this.refresh();
  }

  private async fetchKeys(): Promise<void> {
    this.lastAttempt = this.now();
    try {
      const res = await (this.options.fetch ?? fetch)(this.url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const set = (await res.json()) as JSONWebKeySet;
      this.keys = createLocalJWKSet(set);
      this.count = Array.isArray(set.keys) ? set.keys.length : 0;
      this.fetchedAt = this.now();
      this.failingSince = undefined;
      this.error = undefined;
    } catch (error) {
      this.failingSince ??= this.now();
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}

/**
 * The readiness detail of a service that verifies tokens from cached keys. Never unready for the
 * key server alone: reads need no token, and known keys keep verifying. Undefined when all is well.
 */
export function jwksReadinessDetail(status: JwksStatus, now: number): string | undefined {
  if (status.failingSince === undefined) return undefined;
  const away = `the auth service's keys are unreachable for ${Math.round((now - status.failingSince) / 1000)} s (${status.error})`;
  if (status.fetchedAt === undefined) return `${away}; no keys cached yet, so tokens cannot be verified`;
  return `${away}; verifying with ${status.keys} key(s) cached ${Math.round((now - status.fetchedAt) / 1000)} s ago`;
}
