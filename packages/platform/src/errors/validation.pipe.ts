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
    if (metadata.type !== 'custom') {
      const field = metadata.type === 'body' ? '' : (metadata.data ?? '');
      const errors: FieldError[] = hostileInput(value, field);
      if (errors.length === 0 && metadata.type === 'body' && !metadata.data)
        errors.push(...undocumentedNulls(value, metadata.metatype));
      if (errors.length > 0) throw ProblemException.validation(errors);
    }
    return super.transform(value, metadata);
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
