import type { FieldError } from '@carebridge/contracts';
import { type ValidationError, ValidationPipe } from '@nestjs/common';
import { ProblemException } from './problem.exception.js';

/**
 * The one validation pipe: unknown fields are rejected, values are converted to the DTO's types,
 * and every invalid field is named in the problem's `errors`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ProblemException.validation(flattenValidationErrors(errors)),
  });
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
