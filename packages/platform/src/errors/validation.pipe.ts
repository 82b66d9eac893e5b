import type { FieldError } from '@carebridge/contracts';
import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';
import { hostileInput } from '../request/hostile-input.js';
import { undocumentedNulls } from './documented-nulls.js';
import { ProblemException } from './problem.exception.js';

/**
 * The one validation pipe: unknown fields are rejected, values are converted to the DTO's types,
 * and every invalid field is named in the problem's `errors`. Before the DTO's own rules, every
 * body, query and path parameter is checked for what no field may hold (NUL, lone surrogates,
 * `__proto__` keys), and a body's `null`s are accepted only where the DTO documents the field as
 * nullable (an optional field may be left out, not nulled).
 */
export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ProblemException.validation(flattenValidationErrors(errors)),
  });
}

class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const hostile = hostileInput(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (hostile.length > 0) throw ProblemException.validation(hostile);
    const nulls = metadata.type === 'body' && !metadata.data ? undocumentedNulls(value, metadata.metatype) : [];
    let transformed: unknown;
    try {
      transformed = await super.transform(value, metadata);
    } catch (error) {
      if (nulls.length === 0 || !(error instanceof ProblemException) || !error.errors) throw error;
      const named = new Set(error.errors.map((e) => e.field));
      throw ProblemException.validation([...error.errors, ...nulls.filter((e) => !named.has(e.field))]);
    }
    if (nulls.length > 0) throw ProblemException.validation(nulls);
    return transformed;
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? 'is not an accepted field' : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
