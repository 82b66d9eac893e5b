import { type FieldError, PROBLEM_CONTENT_TYPE, type Problem } from '@carebridge/contracts';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import type { JsonLogger } from '../logging/json-logger.js';
import { currentRequestId } from '../logging/request-context.js';
import { ProblemException, statusTitle } from './problem.exception.js';

const PROBLEM_TYPE_BASE = 'urn:carebridge:problem:';

/** Body-parser and Fastify errors carry an HTTP status and a `type` (ours) or a `code` (Fastify's). */
interface MiddlewareHttpError {
  status: number;
  type?: string;
}

/** Fastify's own request errors, as the body-parser types the descriptions below know. */
const FASTIFY_ERROR_TYPES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'entity.too.large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'entity.parse.failed',
};

/**
 * Renders every error as `application/problem+json`. Expected failures keep their message;
 * anything unknown is logged with its stack and answered 500 without internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, headers } = this.toProblem(exception);
    problem.instance = request.url.split('?')[0];
    const requestId = currentRequestId() ?? request.headers['x-request-id'];
    if (typeof requestId === 'string') problem.requestId = requestId;
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.end();
      return;
    }
    void reply.headers(headers).status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): { problem: Problem; headers: Record<string, string> } {
    if (exception instanceof ProblemException) {
      return {
        problem: problem(exception.status, exception.key, exception.message, {
          title: exception.title,
          errors: exception.errors,
        }),
        headers: exception.headers,
      };
    }
    // Nest may wrap a parser failure in a BadRequestException; describe it without parser internals.
    const requestError = requestErrorOf(exception instanceof HttpException ? exception.cause : exception);
    if (requestError) {
      const status = requestError.status;
      const key = requestError.type === 'entity.too.deep' ? 'REQUEST.TOO_DEEP' : keyForStatus(status);
      return { problem: problem(status, key, middlewareDetail(requestError)), headers: {} };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'object' && body !== null && 'message' in body
          ? String((body as { message: unknown }).message)
          : exception.message;
      if (status >= 500) this.logger.emit('error', 'request failed', { err: exception });
      return { problem: problem(status, keyForStatus(status), detail), headers: {} };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.emit('warn', 'database unavailable', { err: exception });
      return {
        problem: problem(503, 'DATABASE.UNAVAILABLE', 'Our database is not answering right now; try again shortly.'),
        headers: { 'Retry-After': '2' },
      };
    }
    this.logger.emit('error', 'unhandled error', { err: exception });
    return {
      problem: problem(500, 'INTERNAL', 'Something went wrong on our side. It has been logged.'),
      headers: {},
    };
  }
}

function problem(
  status: number,
  key: string,
  detail: string,
  extra: { title?: string; errors?: FieldError[] | undefined } = {},
): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${key.toLowerCase()}`,
    title: extra.title ?? statusTitle(status),
    status,
    detail,
    key,
    errors: extra.errors,
  };
}

function keyForStatus(status: number): string {
  // A body in another format is a request problem, whichever layer refuses it: one key, not two.
  if (status === 415) return 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
  return `HTTP.${statusTitle(status)
    .toUpperCase()
    .replace(/[^A-Z]+/g, '_')}`;
}

/** A client error raised before our code ran (body parsing, Fastify's checks), or undefined. */
function requestErrorOf(error: unknown): MiddlewareHttpError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, code, type } = error as Record<string, unknown>;
  const httpStatus = typeof status === 'number' ? status : statusCode;
  if (typeof httpStatus !== 'number' || httpStatus < 400 || httpStatus >= 500) return undefined;
  const known = typeof type === 'string' ? type : typeof code === 'string' ? FASTIFY_ERROR_TYPES[code] : undefined;
  return known === undefined ? { status: httpStatus } : { status: httpStatus, type: known };
}

function middlewareDetail(error: MiddlewareHttpError): string {
  switch (error.type) {
    case 'entity.parse.failed':
      return 'The request body is not valid JSON.';
    case 'entity.too.large':
      return 'The request body is too large.';
    case 'entity.too.deep':
      return 'The request body nests too deeply.';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'The request body encoding is not supported.';
    default:
      return statusTitle(error.status);
  }
}
