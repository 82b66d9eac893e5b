import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { JsonLogger } from './json-logger.js';
import { runWithRequestContext } from './request-context.js';

const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Gives every request an id (the caller's `x-request-id` when it is sane, otherwise a new one),
 * echoes it back, makes it visible to every log line written while handling the request, and logs
 * one line per finished request. Probe and scrape requests are logged only at debug level.
 */
export function requestLogging(logger: JsonLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    runWithRequestContext({ requestId }, () => {
      res.on('finish', () => {
        const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
        const level = QUIET_PATHS.has(req.path) ? 'debug' : res.statusCode >= 500 ? 'error' : 'info';
        logger.emit(level, 'request', {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
        });
      });
      next();
    });
  };
}
