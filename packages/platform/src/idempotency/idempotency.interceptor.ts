import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { from, mergeMap, type Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import type { RequestWithCaller } from '../auth/caller.js';
import { oneTransaction } from '../database/transactions.js';
import { ProblemException } from '../errors/problem.exception.js';
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

type Begun = { replay: { status: number; body: unknown } } | { replay: undefined; lease: number };
type Outcome = { body: unknown } | { refused: unknown };

/**
 * Makes a POST with an `Idempotency-Key` safe to send again: the first request under a key runs
 * and its answer is stored; the same request again (same member, same key, same body) gets that
 * answer back and writes nothing; another body under the key is refused with 422. Answers that set
 * cookies (sessions) are never stored: they carry credentials.
 *
 * The handler runs in one transaction with the answer's storage (`oneTransaction`): its writes and
 * the key's `done` commit together or not at all, so a process that dies at any instant leaves
 * either both or neither, and a retry never writes twice. A handler that fails unexpectedly (5xx,
 * a crash) keeps nothing; one that refuses (4xx) keeps what it chose to write (a throttle's count)
 * and lets the key go. Either way a retry runs afresh.
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
        return from(this.run(next, res, scope, key, begun.lease));
      }),
    );
  }

  private async run(next: CallHandler, res: Response, scope: string, key: string, lease: number): Promise<unknown> {
    let outcome: Outcome;
    try {
      outcome = await oneTransaction(this.dataSource, async (manager): Promise<Outcome> => {
        let body: unknown;
        try {
          body = await lastValue(next.handle());
        } catch (error) {
          if (!isRefusal(error)) throw error;
          await this.store.release(scope, key, manager);
          return { refused: error };
        }
        if (res.getHeader('set-cookie') !== undefined) await this.store.release(scope, key, manager);
        else if (!(await this.store.complete(manager, scope, key, lease, res.statusCode, body))) throw inProgress();
        return { body };
      });
    } catch (error) {
      // Rolled back: nothing of the request is kept, so its key may go too.
      await this.store.release(scope, key).catch(() => undefined);
      throw error;
    }
    if ('refused' in outcome) throw outcome.refused;
    return outcome.body;
  }

  private async begin(scope: string, key: string, fingerprint: string): Promise<Begun> {
    const deadline = this.now() + DUPLICATE_WAIT_MS;
    for (;;) {
      const now = this.now();
      const claimed = await this.store.claim(scope, key, fingerprint, now);
      if (claimed !== undefined) return { replay: undefined, lease: claimed };
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
        case 'take-over': {
          const lease = record && (await this.store.takeOver(scope, key, record, now));
          if (lease !== undefined) return { replay: undefined, lease };
          break;
        }
        case 'forget':
          if (record) await this.store.forget(scope, key, record);
          continue;
        case 'run':
          continue;
        case 'wait':
          break;
      }
      if (this.now() >= deadline) throw inProgress();
      await sleep(POLL_MS);
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
