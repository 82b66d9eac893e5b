import { FAULT_MODES, type FaultMode } from '@carebridge/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const DATABASE_URL_PATTERN = /^(mysql|mariadb|postgres|postgresql|sqlite):/;

/** Reads "true"/"false"/"1"/"0" from the raw variable (implicit conversion would call "false" true). */
export const toBoolean = ({
  obj,
  key,
  value,
}: {
  obj: Record<string, unknown>;
  key: string;
  value: unknown;
}): unknown => {
  const raw = obj[key];
  if (typeof raw !== 'string') return value;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  return raw;
};

/** Settings every service shares. Each service extends it with its own. */
export class ServiceConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** `mysql://`, `mariadb://`, `postgres://`; unset means the embedded store under DATA_DIR. */
  @IsOptional()
  @Matches(DATABASE_URL_PATTERN, {
    message: 'DATABASE_URL must start with mysql://, mariadb://, postgres:// or sqlite:',
  })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR: string = '.data';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /**
   * Express `trust proxy`: how many proxies in front of the service append to X-Forwarded-For.
   * Exactly one, the edge (Istio's ingress gateway, or the lab's gateway locally), so the address
   * it saw is the client's and anything a client wrote into the header before it is ignored.
   */
  @IsString()
  TRUST_PROXY: string = '1';

  /** Pause between readiness turning false and the server closing (lets balancers notice). */
  @IsInt()
  @Min(0)
  SHUTDOWN_DELAY_MS: number = 0;

  /** In-flight requests get this long to finish after SIGTERM before the process exits anyway. */
  @IsInt()
  @Min(1000)
  SHUTDOWN_TIMEOUT_MS: number = 25_000;

  /** Shared credential of service-to-service calls (`/internal/*` routes); unset closes them. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  INTERNAL_API_TOKEN?: string;

  /** Lets the lab inject faults into this process (`/lab/fault`). Never set outside the lab. */
  @Transform(toBoolean)
  @IsBoolean()
  LAB_FAULTS: boolean = false;

  /** A fault the replica starts with (the lab's "broken version" for rollback demonstrations). */
  @IsOptional()
  @IsIn(FAULT_MODES)
  LAB_FAULT_ON_START?: FaultMode;

  /** Serve the OpenAPI document and UI under `<prefix>/docs`. */
  @Transform(toBoolean)
  @IsBoolean()
  OPENAPI_ENABLED: boolean = true;
}
