import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions, MixedList } from 'typeorm';

export const DIALECTS = ['mysql', 'mariadb', 'postgres', 'sqlite'] as const;
export type Dialect = (typeof DIALECTS)[number];

export interface DatabaseSettings {
  /** Service name: names the embedded database file. */
  service: string;
  /** `DATABASE_URL`; undefined selects the embedded SQLite store under `dataDir`. */
  url: string | undefined;
  dataDir: string;
  /** The dialects this service's migrations are written and tested for. */
  dialects: readonly Dialect[];
  // biome-ignore lint/complexity/noBannedTypes: TypeORM's own signature for entity and migration lists
  entities: MixedList<Function>;
  // biome-ignore lint/complexity/noBannedTypes: as above
  migrations: MixedList<Function>;
}

export class UnsupportedDatabaseError extends Error {}

export function dialectOf(url: string | undefined): Dialect {
  if (!url) return 'sqlite';
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  if (scheme === 'postgresql') return 'postgres';
  if ((DIALECTS as readonly string[]).includes(scheme)) return scheme as Dialect;
  throw new UnsupportedDatabaseError(`DATABASE_URL has an unknown scheme "${scheme}:"`);
}

/** Where the embedded store of a service lives. `sqlite:PATH` names a file explicitly. */
export function sqliteFile(settings: Pick<DatabaseSettings, 'service' | 'url' | 'dataDir'>): string {
  if (settings.url?.startsWith('sqlite:')) return resolve(settings.url.slice('sqlite:'.length));
  return resolve(settings.dataDir, `${settings.service}.sqlite`);
}

/**
 * TypeORM options for the database a service is pointed at. One object serves the app, the
 * migration runner and the CLI; schema changes only ever come from migrations.
 */
export function databaseOptions(settings: DatabaseSettings): DataSourceOptions {
  const dialect = dialectOf(settings.url);
  if (!settings.dialects.includes(dialect)) {
    throw new UnsupportedDatabaseError(
      `${settings.service} supports ${settings.dialects.join(', ')} databases, not ${dialect}`,
    );
  }
  const common = {
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['warn'] as 'warn'[],
  };
  switch (dialect) {
    case 'mysql':
    case 'mariadb':
      return {
        ...common,
        type: dialect,
        url: settings.url,
        charset: 'utf8mb4_unicode_ci',
        timezone: 'Z',
        poolSize: 10,
        extra: { connectionLimit: 10, trace: false },
      };
    case 'postgres':
      return { ...common, type: 'postgres', url: settings.url, extra: { max: 10 } };
    case 'sqlite': {
      const database = sqliteFile(settings);
      mkdirSync(dirname(database), { recursive: true });
      // WAL plus a busy timeout lets several replicas share one embedded file.
      return { ...common, type: 'better-sqlite3', database, enableWAL: true, timeout: 10_000 };
    }
  }
}
