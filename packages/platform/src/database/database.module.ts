import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type MixedList } from 'typeorm';
import { ServiceConfig } from '../config/service-config.js';
import { Lifecycle } from '../health/lifecycle.js';
import { JsonLogger } from '../logging/json-logger.js';
import { SERVICE_NAME } from '../service-name.js';
import { type DatabaseSettings, type Dialect, databaseOptions } from './database-options.js';
import { runMigrationsWithLock } from './migration-lock.js';
import { takeTurnsOnSqlite } from './sqlite-turns.js';

export interface DatabaseModuleOptions {
  dialects: readonly Dialect[];
  // biome-ignore lint/complexity/noBannedTypes: TypeORM's own signature
  entities: MixedList<Function>;
  // biome-ignore lint/complexity/noBannedTypes: TypeORM's own signature
  migrations: MixedList<Function>;
}

/**
 * Prepares the database before the service accepts traffic: SQLite callers take turns, pending
 * migrations run under a lock, and readiness starts watching the database.
 */
@Injectable()
class MigrationRunner implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: Lifecycle,
    private readonly logger: JsonLogger,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  async onModuleInit(): Promise<void> {
    takeTurnsOnSqlite(this.dataSource);
    const applied = await runMigrationsWithLock(this.dataSource, `carebridge:${this.service}:migrations`);
    this.logger.emit('info', 'database ready', {
      context: 'Database',
      dialect: this.dataSource.options.type,
      migrationsApplied: applied.map((m) => m.name),
    });
    this.lifecycle.addReadinessCheck('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ServiceConfig, SERVICE_NAME],
          useFactory: (config: ServiceConfig, service: string) =>
            databaseOptions(settingsFrom(config, service, options)),
        }),
      ],
      providers: [MigrationRunner],
    };
  }
}

export function settingsFrom(config: ServiceConfig, service: string, options: DatabaseModuleOptions): DatabaseSettings {
  return { service, url: config.DATABASE_URL, dataDir: config.DATA_DIR, ...options };
}
