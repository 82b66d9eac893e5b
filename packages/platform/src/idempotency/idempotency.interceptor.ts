import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { from, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { RequestWithCaller } from '../auth/caller.js';
import { isLockTimeout } from '../database/database-errors.js';
import { oneTransaction } from '../database/transactions.js';
import { ProblemException } from '../errors/problem.exception.js';
import {
  DUPLICATE_WAIT_MS,
  decide,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  keyProblem,
  requestFingerprint,
} from './idempotency-rules.js';
import { IdempotencyStore } from './idempotency-store.js';

const POLL_MS = 50;

type Outcome = { body: unknown } | { refused: unknown } | { held: true };
interface Request {
  next: CallHandler;
  res: FastifyReply;
  scope: string;
  key: string;
  fingerprint: string;
}

/** Thrown inside the transaction to roll back a claim that found the key stored. */
class KeyHeld extends Error {}

/**
 * Makes a POST with an `Idempotency-Key` safe to send again: the first request under a key runs
 * and its answer is stored; the same request again (same member, same key, same body) gets that
 * answer back and writes nothing; another body under the key is refused with 422. Answers that set
 * cookies (sessions) are never stored: they carry credentials.
 *
 * The key is claimed, the handler runs and the answer is stored in one transaction
 * (`oneTransaction`): the rows and the key's `done` commit together or not at all. A process that
 * dies at any instant leaves both or neither (the database rolls back a dead connection's
 * transaction, claim included), so a retry never writes twice and need not wait for a lease. A
 * duplicate meanwhile waits on the claimed key's row lock, up to 5 s, then gets 409. A handler that
 * fails unexpectedly (5xx, a crash) keeps nothing; one that refuses (4xx) keeps what it chose to
 * write (a throttle's count) and lets the key go. Either way a retry runs afresh.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly dataSource: DataSource,
  ) {}

  now: () => number = Date.now;

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<RequestWithCaller>();
    const res = context.switchToHttp().getResponse<FastifyReply>();
    const key = headerValue(req.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]);
    if (req.method !== 'POST' || key === undefined) return next.handle();
    const problem = keyProblem(key);
    if (problem) {
      throw ProblemException.badRequest('IDEMPOTENCY.KEY_INVALID', `${IDEMPOTENCY_KEY_HEADER} ${problem}.`, [
        { field: IDEMPOTENCY_KEY_HEADER, message: problem },
      ]);
    }
    const scope = req.caller?.sub ?? 'anonymous';
    const fingerprint = requestFingerprint(req.method, req.originalUrl, req.body);
    return from(this.answer({ next, res, scope, key, fingerprint }));
  }

  private async answer(request: Request): Promise<unknown> {
    const { res, scope, key, fingerprint } = request;
    const deadline = this.now() + DUPLICATE_WAIT_MS;
    for (;;) {
      const now = this.now();
      const record = await this.store.find(scope, key);
      const decision = decide(record, fingerprint, now);
      switch (decision.action) {
        case 'replay':
          res.status(decision.status);
          res.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
          return decision.body;
        case 'mismatch':
          throw new ProblemException({
            status: 422,
            key: 'IDEMPOTENCY.KEY_REUSED',
            detail: `This ${IDEMPOTENCY_KEY_HEADER} was already used for a different request; send a new key.`,
            errors: [{ field: IDEMPOTENCY_KEY_HEADER, message: 'was used for a different request' }],
          });
        case 'forget':
        case 'take-over':
          // Expired, or left pending by a holder that died (before claims were transactional).
          if (record) await this.store.forget(scope, key, record);
          continue;
        case 'run': {
          const outcome = await this.run(request);
          if ('refused' in outcome) throw outcome.refused;
          if ('body' in outcome) return outcome.body;
          // Held by a request that answered meanwhile, or that failed: look again.
          continue;
        }
        case 'wait':
          break;
      }
      if (this.now() >= deadline) throw inProgress();
      await sleep(POLL_MS);
    }
  }

  private async run({ next, res, scope, key, fingerprint }: Request): Promise<Outcome> {
    try {
      return await oneTransaction(this.dataSource, async (manager): Promise<Outcome> => {
        if (!(await this.store.claim(manager, scope, key, fingerprint, this.now()))) throw new KeyHeld();
        let body: unknown;
        try {
          body = await lastValue(next.handle());
        } catch (error) {
          if (!isRefusal(error)) throw error;
          await this.store.release(manager, scope, key);
          return { refused: error };
        }
        if (res.getHeader('set-cookie') !== undefined) await this.store.release(manager, scope, key);
        else await this.store.complete(manager, scope, key, res.statusCode, body);
        return { body };
      });
    } catch (error) {
      if (error instanceof KeyHeld) return { held: true };
      if (isLockTimeout(error)) throw inProgress();
      throw error;
    }
  }
}

function inProgress(): ProblemException {
  return new ProblemException({
    status: 409,
    key: 'IDEMPOTENCY.IN_PROGRESS',
    detail: `A request with this ${IDEMPOTENCY_KEY_HEADER} is still running; try again in a moment.`,
    errors: [{ field: IDEMPOTENCY_KEY_HEADER, message: 'is held by a request still running' }],
    headers: { 'Retry-After': '1' },
  });
}

/** A deliberate answer of the handler's (4xx), not a failure: what it wrote before refusing stands. */
function isRefusal(error: unknown): boolean {
  const status =
    error instanceof ProblemException ? error.status : error instanceof HttpException ? error.getStatus() : 500;
  return status < 500;
}

function lastValue<T>(source: Observable<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let value: T;
    source.subscribe({ next: (v) => (value = v), error: reject, complete: () => resolve(value) });
  });
}

/** One value of a request header, as Express's `req.header()` gave it. */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
