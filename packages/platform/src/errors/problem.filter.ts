import { type FieldError, PROBLEM_CONTENT_TYPE, type Problem } from '@carebridge/contracts';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import type { JsonLogger } from '../logging/json-logger.js';
import { currentRequestId } from '../logging/request-context.js';
import { ProblemException, statusTitle } from './problem.exception.js';

const PROBLEM_TYPE_BASE = 'urn:carebridge:problem:';

/** Body-parser and similar middleware errors carry an HTTP status and a `type`. */
interface MiddlewareHttpError {
  status: number;
  type?: string;
  expose?: boolean;
}

/**
 * Renders every error as `application/problem+json`. Expected failures keep their message;
 * anything unknown is logged with its stack and answered 500 without internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { problem, headers } = this.toProblem(exception);
    problem.instance = req.originalUrl?.split('?')[0];
    const requestId = currentRequestId();
    if (requestId) problem.requestId = requestId;
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
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
    // Nest wraps body-parser failures in a BadRequestException; describe them without parser internals.
    const middlewareError = exception instanceof HttpException ? exception.cause : exception;
    if (isMiddlewareHttpError(middlewareError)) {
      const status = middlewareError.status;
      const key = middlewareError.type === 'entity.too.deep' ? 'REQUEST.TOO_DEEP' : keyForStatus(status);
      return { problem: problem(status, key, middlewareDetail(middlewareError)), headers: {} };
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

function isMiddlewareHttpError(error: unknown): error is MiddlewareHttpError {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
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
