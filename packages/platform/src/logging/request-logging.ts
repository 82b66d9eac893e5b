import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { JsonLogger } from './json-logger.js';
import { runWithRequestContext } from './request-context.js';

const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Gives every request an id (the caller's `x-request-id` when it is sane, otherwise a new one),
 * echoes it back, makes it visible to every log line written while handling the request, and logs
 * one line per finished request. Probe and scrape requests are logged only at debug level.
 */
export function requestLogging(instance: FastifyInstance, logger: JsonLogger): void {
  instance.addHook('onRequest', (request, reply, done) => {
    const incoming = request.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    request.headers['x-request-id'] = requestId;
    void reply.header('x-request-id', requestId);
    // The rest of the request (body parsing included: Fastify keeps the context) runs inside it.
    runWithRequestContext({ requestId }, done);
  });
  instance.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0] ?? '';
    const level = QUIET_PATHS.has(path) ? 'debug' : reply.statusCode >= 500 ? 'error' : 'info';
    logger.emit(level, 'request', {
      // Named here: the response ends outside the request's context.
      requestId: request.headers['x-request-id'],
      method: request.method,
      path,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    });
    done();
  });
}
