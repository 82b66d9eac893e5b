import { JOB_CATEGORIES, type JobCategory, ROLES, type Role } from '@carebridge/contracts';
import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { CachedJwks } from './cached-jwks.js';
import type { Caller } from './caller.js';

export const ACCESS_TOKEN_ALGORITHMS = ['EdDSA', 'ES256'];

/** A verified access token: the caller it names and when it was issued (seconds since the epoch). */
export interface VerifiedToken {
  caller: Caller;
  issuedAt: number;
}

/** Checks an access token and returns the caller it names; throws when the token is not valid. */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<VerifiedToken>;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
}

export interface RemoteJwksOptions {
  /** Least time between two fetches of the key set, however many unknown `kid`s arrive. */
  cooldownMs?: number;
}

/** Verifies tokens against a key set: a remote JWKS (cached, refetched on an unknown `kid`) or local keys. */
export class JwtVerifier extends TokenVerifier {
  /** The remote key cache, when the keys come from the auth service (readiness reports on it). */
  jwks: CachedJwks | undefined;

  private constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly options: JwtVerifierOptions,
  ) {
    super();
  }

  static remote(jwksUrl: string, options: JwtVerifierOptions, remote: RemoteJwksOptions = {}): JwtVerifier {
    const jwks = new CachedJwks(new URL(jwksUrl), { cooldownMs: remote.cooldownMs ?? 30_000 });
    const verifier = new JwtVerifier(jwks.getKey, options);
    verifier.jwks = jwks;
    return verifier;
  }

  static local(jwks: JSONWebKeySet, options: JwtVerifierOptions): JwtVerifier {
    return new JwtVerifier(createLocalJWKSet(jwks), options);
  }

  async verify(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ACCESS_TOKEN_ALGORITHMS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
    }
    return { caller: callerFromClaims(payload), issuedAt: payload.iat as number };
  }
}

function callerFromClaims(payload: JWTPayload): Caller {
  const { sub, nickname, role, hospitalId, jobCategory, insiderVerified, emailVerified, memberSince } =
    payload as Record<string, unknown>;
  if (typeof sub !== 'string' || typeof nickname !== 'string' || !ROLES.includes(role as Role)) {
    throw new InvalidTokenError('token claims are incomplete');
  }
  return {
    sub,
    nickname,
    role: role as Role,
    hospitalId: typeof hospitalId === 'string' ? hospitalId : null,
    jobCategory: JOB_CATEGORIES.includes(jobCategory as JobCategory) ? (jobCategory as JobCategory) : null,
    insiderVerified: insiderVerified === true,
    // A token without these claims (minted before they existed) counts as unverified and new.
    emailVerified: emailVerified === true,
    memberSince: validDate(memberSince) ?? new Date((payload.iat as number) * 1000).toISOString(),
  };
}

function validDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
