import type { Role } from '@carebridge/contracts';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../errors/problem.exception.js';
import type { RequestWithCaller } from './caller.js';
import { PUBLIC_ROUTE } from './public.decorator.js';
import { REQUIRED_ROLES } from './roles.decorator.js';
import { InvalidTokenError, TokenVerifier } from './token-verifier.js';

/**
 * Global guard: every route needs a valid access token unless marked `@Public()`. A token that is
 * present but invalid is refused even on public routes, so clients learn to refresh it.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? [];
    const req = context.switchToHttp().getRequest<RequestWithCaller>();

    const token = bearerToken(req.headers.authorization);
    if (token) {
      try {
        req.caller = await this.verifier.verify(token);
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
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw ProblemException.unauthorized('AUTH.INVALID_TOKEN', 'Authorization must be "Bearer <token>".');
  }
  return match[1];
}
