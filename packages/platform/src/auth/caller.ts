import type { AccessTokenClaims } from '@carebridge/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The verified caller of a request, taken from its access token. */
export type Caller = AccessTokenClaims;

export interface RequestWithCaller extends FastifyRequest {
  caller?: Caller;
}

/** Injects the caller; `undefined` on a public route called without a token. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Caller | undefined =>
    ctx.switchToHttp().getRequest<RequestWithCaller>().caller,
);
