import { timingSafeEqual } from 'node:crypto';
import type { Role } from '@carebridge/contracts';
import { type CanActivate, type ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ServiceConfig } from '../config/service-config.js';
import { ProblemException } from '../errors/problem.exception.js';
import { RevocationList } from '../revocations/revocation-list.js';
import { ALLOW_UNVERIFIED_EMAIL } from './allow-unverified-email.decorator.js';
import type { RequestWithCaller } from './caller.js';
import { INTERNAL_ROUTE, INTERNAL_TOKEN_HEADER } from './internal.decorator.js';
import { PUBLIC_ROUTE } from './public.decorator.js';
import { REQUIRED_ROLES } from './roles.decorator.js';
import { InvalidTokenError, TokenVerifier } from './token-verifier.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Global guard: every route needs a valid access token unless marked `@Public()`. A token that is
 * present but invalid is refused even on public routes, so clients learn to refresh it. Writes
 * (any non-public POST, PUT, PATCH or DELETE) also need a token that was not revoked and, unless
 * the route is `@AllowUnverifiedEmail()`, a verified email.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly config: ServiceConfig,
    @Optional() private readonly revocations?: RevocationList,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? [];
    const req = context.switchToHttp().getRequest<RequestWithCaller>();
    if (this.reflector.getAllAndOverride<boolean>(INTERNAL_ROUTE, targets)) return this.checkServiceCredential(req);

    const token = bearerToken(req.headers.authorization);
    let issuedAt = 0;
    if (token) {
      try {
        ({ caller: req.caller, issuedAt } = await this.verifier.verify(token));
      } catch (error) {
        if (error instanceof InvalidTokenError) {
          throw ProblemException.unauthorized('AUTH.INVALID_TOKEN', `The access token is not valid: ${error.message}.`);
        }
        throw error;
      }
    }
    if (!req.caller) {
      if (isPublic) return true;
      throw ProblemException.unauthorized('AUTH.TOKEN_REQUIRED', 'Sign in to do this.');
    }
    if (roles.length > 0 && !roles.includes(req.caller.role)) {
      throw ProblemException.forbidden('AUTH.ROLE_REQUIRED', `This needs the role: ${roles.join(' or ')}.`);
    }
    if (!isPublic && WRITE_METHODS.has(req.method)) await this.checkWriter(req.caller, issuedAt, targets);
    return true;
  }

  private async checkWriter(
    caller: NonNullable<RequestWithCaller['caller']>,
    issuedAt: number,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
  ): Promise<void> {
    if (await this.revocations?.isRevoked(caller.sub, issuedAt)) {
      throw ProblemException.forbidden(
        'AUTH.TOKEN_REVOKED',
        'This session was ended (signed out everywhere, password changed, or account closed). Sign in again.',
      );
    }
    if (!caller.emailVerified && !this.reflector.getAllAndOverride<boolean>(ALLOW_UNVERIFIED_EMAIL, targets)) {
      throw ProblemException.forbidden(
        'AUTH.EMAIL_NOT_VERIFIED',
        'Confirm your email address first: we sent you a 6-digit code.',
      );
    }
  }

  private checkServiceCredential(req: RequestWithCaller): boolean {
    const given = req.headers[INTERNAL_TOKEN_HEADER.toLowerCase()];
    if (!sameSecret(this.config.INTERNAL_API_TOKEN, given)) {
      throw ProblemException.forbidden(
        'AUTH.SERVICE_CREDENTIAL_REQUIRED',
        'This route is for Carebridge services only.',
      );
    }
    return true;
  }
}

/** Compares in constant time; with no INTERNAL_API_TOKEN configured, internal routes are closed. */
function sameSecret(expected: string | undefined, given: string | string[] | undefined): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw ProblemException.unauthorized('AUTH.INVALID_TOKEN', 'Authorization must be "Bearer <token>".');
  }
  return match[1];
}
