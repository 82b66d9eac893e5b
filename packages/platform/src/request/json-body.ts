import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemException } from '../errors/problem.exception.js';
import { JSON_DEPTH_LIMIT, jsonDepthExceeds } from './json-depth.js';

/** The largest request body of every service. */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;
const UTF8 = /^utf-?8$/i;

/** A body the parser refuses, in the shape the problem filter describes (as body-parser's errors were). */
const bodyError = (status: number, type: string, message: string) =>
  Object.assign(new Error(message), { status, type });

/**
 * Every API of ours reads JSON, in UTF-8, nested at most JSON_DEPTH_LIMIT levels (checked on the
 * bytes before parsing). A body of another type (text/plain, a form) would otherwise be ignored and
 * the request run as if it had none: it is refused with 415. An empty JSON body is no body.
 */
export function readJsonBodies(instance: FastifyInstance): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT_BYTES },
    (request, raw: Buffer, done) => {
      const charset = /;\s*charset=("?)([^";\s]+)\1/i.exec(request.headers['content-type'] ?? '')?.[2];
      if (charset && !UTF8.test(charset)) {
        done(bodyError(415, 'charset.unsupported', `unsupported charset "${charset}"`), undefined);
        return;
      }
      if (raw.length === 0) {
        done(null, undefined);
        return;
      }
      if (jsonDepthExceeds(raw)) {
        done(bodyError(400, 'entity.too.deep', `The JSON nests deeper than ${JSON_DEPTH_LIMIT} levels.`), undefined);
        return;
      }
      try {
        done(null, JSON.parse(raw.toString('utf8')));
      } catch (error) {
        done(bodyError(400, 'entity.parse.failed', (error as Error).message), undefined);
      }
    },
  );
  instance.addContentTypeParser('*', (request, _payload, done) => done(unsupportedMediaType(request), undefined));
}

function unsupportedMediaType(request: FastifyRequest): ProblemException {
  const type = request.headers['content-type'] ?? '';
  return new ProblemException({
    status: 415,
    key: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    detail: type
      ? `Bodies are read as application/json, not ${type.split(';')[0]}.`
      : 'A request body needs content-type: application/json.',
    headers: request.method === 'PATCH' ? { 'Accept-Patch': 'application/json' } : {},
  });
}
