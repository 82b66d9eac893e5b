import type { FieldError, ProblemKey } from '@carebridge/contracts';
import { HttpStatus } from '@nestjs/common';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Request Error');
}

export interface ProblemInit {
  status: number;
  key: ProblemKey;
  detail: string;
  title?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/**
 * The one exception type services throw for expected failures. The global filter renders it as
 * `application/problem+json`.
 */
export class ProblemException extends Error {
  readonly status: number;
  readonly key: ProblemKey;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(init: ProblemInit) {
    super(init.detail);
    this.name = 'ProblemException';
    this.status = init.status;
    this.key = init.key;
    this.title = init.title ?? statusTitle(init.status);
    this.errors = init.errors;
    this.headers = init.headers ?? {};
  }

  static validation(errors: FieldError[], key: ProblemKey = 'REQUEST.VALIDATION_FAILED'): ProblemException {
    const fields = [...new Set(errors.map((e) => e.field))].join(', ');
    return new ProblemException({
      status: HttpStatus.BAD_REQUEST,
      key,
      title: 'Validation failed',
      detail: `Invalid fields: ${fields}`,
      errors,
    });
  }

  static badRequest(key: ProblemKey, detail: string, errors?: FieldError[]): ProblemException {
    return new ProblemException({ status: 400, key, detail, errors });
  }

  static unauthorized(key: ProblemKey, detail: string): ProblemException {
    return new ProblemException({
      status: 401,
      key,
      detail,
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }

  static forbidden(key: ProblemKey, detail: string): ProblemException {
    return new ProblemException({ status: 403, key, detail });
  }

  static notFound(key: ProblemKey, detail: string): ProblemException {
    return new ProblemException({ status: 404, key, detail });
  }

  static conflict(key: ProblemKey, detail: string, field?: string): ProblemException {
    return new ProblemException({
      status: 409,
      key,
      detail,
      errors: field ? [{ field, message: detail }] : undefined,
    });
  }

  static tooManyRequests(key: ProblemKey, detail: string, retryAfterSeconds: number): ProblemException {
    return new ProblemException({
      status: 429,
      key,
      detail,
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    });
  }
}
