import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration for ${service}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type ConfigClass<T> = new () => T;

/**
 * Builds a service's typed configuration from environment variables and validates all of it at
 * once, so that a bad deployment fails at start-up with every problem listed.
 * Property names are the environment variable names.
 */
export function loadConfig<T extends object>(
  schema: ConfigClass<T>,
  env: Record<string, string | undefined>,
  service: string,
): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(schema, present, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, {
    whitelist: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new ConfigError(service, errors.flatMap(describe));
  return config;
}

function describe(error: ValidationError): string[] {
  const own = Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`);
  return [...own, ...(error.children ?? []).flatMap(describe)];
}
