import { JOB_CATEGORIES, type JobCategory, ROLES, type Role } from '@carebridge/contracts';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import type { Caller } from './caller.js';

export const ACCESS_TOKEN_ALGORITHMS = ['EdDSA', 'ES256'];

/** Checks an access token and returns the caller it names; throws when the token is not valid. */
export abstract class TokenVerifier {
  abstract verify(token: string): Promise<Caller>;
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
  private constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly options: JwtVerifierOptions,
  ) {
    super();
  }

  static remote(jwksUrl: string, options: JwtVerifierOptions, remote: RemoteJwksOptions = {}): JwtVerifier {
    const keys = createRemoteJWKSet(new URL(jwksUrl), {
      cacheMaxAge: 10 * 60_000,
      cooldownDuration: remote.cooldownMs ?? 30_000,
      timeoutDuration: 5_000,
    });
    return new JwtVerifier(keys, options);
  }

  static local(jwks: JSONWebKeySet, options: JwtVerifierOptions): JwtVerifier {
    return new JwtVerifier(createLocalJWKSet(jwks), options);
  }

  async verify(token: string): Promise<Caller> {
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
    return callerFromClaims(payload);
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
    emailVerified: emailVerified === true,
    // Absent or unreadable: treated as a brand-new account (no report weight, tightest write limits).
    memberSince: typeof memberSince === 'string' ? memberSince : '',
  };
}
