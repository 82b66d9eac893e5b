import { setTimeout as sleep } from 'node:timers/promises';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, mergeMap, type Observable, of } from 'rxjs';
import type { RequestWithCaller } from '../auth/caller.js';
import { ProblemException } from '../errors/problem.exception.js';
import { JsonLogger } from '../logging/json-logger.js';
import {
  decide,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  keyProblem,
  requestFingerprint,
} from './idempotency-rules.js';
import { IdempotencyStore } from './idempotency-store.js';

/** How long a duplicate waits for the first request of its key to answer before it is told 409. */
export const DUPLICATE_WAIT_MS = 5_000;
const POLL_MS = 50;

type Begun = { replay: { status: number; body: unknown } } | { replay: undefined };

/**
 * Makes a POST with an `Idempotency-Key` safe to send again: the first request under a key runs
 * and its answer is stored; the same request again (same member, same key, same body) gets that
 * answer back and writes nothing; another body under the key is refused with 422. A request that
 * fails keeps nothing, so its retry runs afresh. Answers that set cookies (sessions) are never
 * stored: they carry credentials.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly logger: JsonLogger,
  ) {}

  now: () => number = Date.now;

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<RequestWithCaller>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header(IDEMPOTENCY_KEY_HEADER);
    if (req.method !== 'POST' || key === undefined) return next.handle();
    const problem = keyProblem(key);
    if (problem) {
      throw ProblemException.badRequest('IDEMPOTENCY.KEY_INVALID', `${IDEMPOTENCY_KEY_HEADER} ${problem}.`, [
        { field: IDEMPOTENCY_KEY_HEADER, message: problem },
      ]);
    }
    const scope = req.caller?.sub ?? 'anonymous';
    const fingerprint = requestFingerprint(req.method, req.originalUrl, req.body);
    return from(this.begin(scope, key, fingerprint)).pipe(
      mergeMap((begun) => {
        if (begun.replay) {
          res.status(begun.replay.status);
          res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
          return of(begun.replay.body);
        }
        return from(this.run(next, res, scope, key));
      }),
    );
  }

  private async run(next: CallHandler, res: Response, scope: string, key: string): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValue(next.handle());
    } catch (error) {
      await this.store.release(scope, key).catch(() => undefined);
      throw error;
    }
    try {
      if (res.getHeader('set-cookie') !== undefined) await this.store.release(scope, key);
      else await this.store.complete(scope, key, res.statusCode, body);
    } catch (error) {
      // The write is done: answer it. The key stays pending and its lease decides a retry.
      this.logger.emit('warn', 'idempotency answer not stored', { context: 'Idempotency', err: error });
    }
    return body;
  }

  private async begin(scope: string, key: string, fingerprint: string): Promise<Begun> {
    const deadline = this.now() + DUPLICATE_WAIT_MS;
    for (;;) {
      const now = this.now();
      if (await this.store.claim(scope, key, fingerprint, now)) return { replay: undefined };
      const record = await this.store.find(scope, key);
      const decision = decide(record, fingerprint, now);
      switch (decision.action) {
        case 'replay':
          return { replay: { status: decision.status, body: decision.body } };
        case 'mismatch':
          throw new ProblemException({
            status: 422,
            key: 'IDEMPOTENCY.KEY_REUSED',
            detail: `This ${IDEMPOTENCY_KEY_HEADER} was already used for a different request; send a new key.`,
            errors: [{ field: IDEMPOTENCY_KEY_HEADER, message: 'was used for a different request' }],
          });
        case 'take-over':
          if (record && (await this.store.takeOver(scope, key, record, now))) return { replay: undefined };
          break;
        case 'forget':
          if (record) await this.store.forget(scope, key, record);
          continue;
        case 'run':
          continue;
        case 'wait':
          break;
      }
      if (this.now() >= deadline) {
        throw new ProblemException({
          status: 409,
          key: 'IDEMPOTENCY.IN_PROGRESS',
          detail: `A request with this ${IDEMPOTENCY_KEY_HEADER} is still running; try again in a moment.`,
          errors: [{ field: IDEMPOTENCY_KEY_HEADER, message: 'is held by a request still running' }],
          headers: { 'Retry-After': '1' },
        });
      }
      await sleep(POLL_MS);
    }
  }
}

function lastValue<T>(source: Observable<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let value: T;
    source.subscribe({ next: (v) => (value = v), error: reject, complete: () => resolve(value) });
  });
}
