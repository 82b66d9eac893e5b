import type { DynamicModule, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from './config/service-config.js';
import { DatabaseModule, type DatabaseModuleOptions } from './database/database.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { PlatformModule, type PlatformOptions } from './platform.module.js';
import { RevocationsModule, type RevocationsOptions } from './revocations/revocations.module.js';
import { type RateLimitedPrefix, WriteLimiter } from './trust/write-limiter.js';
import { SqlWriteLog } from './trust/write-log.js';

export interface ServiceModuleOptions<C extends ServiceConfig>
  extends PlatformOptions<C>,
    Pick<ModuleMetadata, 'imports' | 'controllers' | 'providers'> {
  /** The service's own schema; every entity is also injectable as a repository (`@InjectRepository`). */
  database: DatabaseModuleOptions & {
    // biome-ignore lint/complexity/noBannedTypes: TypeORM's own signature
    entities: Function[];
  };
  revocations: RevocationsOptions;
  writeLimits?: WriteLimits;
}

/** Per-member write limits, refused with `<keyPrefix>.RATE_LIMITED`, over the service's own write log. */
export interface WriteLimits {
  keyPrefix: RateLimitedPrefix;
  /** `WRITE_LIMIT_FACTOR` */
  factor: number;
}

/**
 * A Carebridge service's root module: the wiring every service shares (platform, database and its
 * repositories, revocations, idempotency, write limits), then what the service states as its own.
 */
export function serviceModule<C extends ServiceConfig>(module: Type, options: ServiceModuleOptions<C>): DynamicModule {
  const { service, config, tokens, database, revocations, writeLimits } = options;
  return {
    module,
    imports: [
      PlatformModule.forRoot({ service, config, tokens }),
      DatabaseModule.forRoot(database),
      TypeOrmModule.forFeature(database.entities),
      RevocationsModule.forRoot(revocations),
      IdempotencyModule,
      ...(options.imports ?? []),
    ],
    controllers: options.controllers ?? [],
    providers: [...(options.providers ?? []), ...(writeLimits ? [writeLimiter(writeLimits)] : [])],
  };
}

function writeLimiter({ keyPrefix, factor }: WriteLimits): Provider {
  return {
    provide: WriteLimiter,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => new WriteLimiter({ factor, keyPrefix, log: new SqlWriteLog(dataSource) }),
  };
}
