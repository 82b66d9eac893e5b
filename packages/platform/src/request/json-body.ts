import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from '../errors/problem.exception.js';
import { JSON_DEPTH_LIMIT, jsonDepthExceeds } from './json-depth.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The body-parser options of every service: a size limit, and a nesting limit checked before parsing. */
export const JSON_BODY_OPTIONS = {
  limit: '256kb',
  verify: (_req: IncomingMessage, _res: ServerResponse, raw: Buffer): void => {
    if (jsonDepthExceeds(raw)) {
      throw Object.assign(new Error(`The JSON nests deeper than ${JSON_DEPTH_LIMIT} levels.`), {
        status: 400,
        type: 'entity.too.deep',
      });
    }
  },
};

/**
 * Every API of ours reads JSON: a body of another type (text/plain, a form) would otherwise be
 * ignored and the request run as if it had none. Refused with 415 before any parser sees it.
 */
export function requireJsonBodies() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const type = req.headers['content-type'] ?? '';
    if (!BODY_METHODS.has(req.method) || !hasBody(req) || JSON_TYPE.test(type)) {
      next();
      return;
    }
    next(
      new ProblemException({
        status: 415,
        key: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        detail: type
          ? `Bodies are read as application/json, not ${type.split(';')[0]}.`
          : 'A request body needs content-type: application/json.',
        headers: req.method === 'PATCH' ? { 'Accept-Patch': 'application/json' } : {},
      }),
    );
  };
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}
