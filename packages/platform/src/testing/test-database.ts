import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import type { Dialect } from '../database/database-options.js';

/** Servers the e2e suites use; override with these variables to point elsewhere. */
const SERVER_URLS = {
  mysql: () => process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
  mariadb: () => process.env.TEST_MARIADB_URL ?? 'mariadb://root@127.0.0.1:3306',
  postgres: () => process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};

export interface TestDatabase {
  dialect: Dialect;
  /** `DATABASE_URL` for the service; undefined for the embedded store. */
  url: string | undefined;
  /** `DATA_DIR` for the service: a fresh temporary folder. */
  dataDir: string;
  drop(): Promise<void>;
}

/** Creates a database of its own for one test run; `drop()` removes it and its data folder. */
export async function createTestDatabase(dialect: Dialect, service: string): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `carebridge-${service}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') return { dialect, url: undefined, dataDir, drop: async () => removeDir() };
  const name = `cb_test_${service}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const server = dialect === 'postgres' ? SERVER_URLS.postgres() : SERVER_URLS[dialect]();
  const created = await createDatabaseOn(dialect, server, name);
  return {
    dialect,
    url: created.url,
    dataDir,
    drop: async () => {
      await created.drop();
      removeDir();
    },
  };
}

/**
 * Creates the database `name` (UTF-8 throughout) on the server at `serverUrl` (a PostgreSQL URL
 * names the database to connect to first): its `DATABASE_URL`, and how to drop it.
 */
export async function createDatabaseOn(
  dialect: Exclude<Dialect, 'sqlite'>,
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'postgres') {
    await withPostgres(serverUrl, (c) => c.query(`CREATE DATABASE "${name}" ENCODING 'UTF8'`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        await withPostgres(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      },
    };
  }
  await withMysql(serverUrl, (c) =>
    c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
  return {
    url: `${serverUrl}/${name}`,
    drop: async () => {
      await withMysql(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``));
    },
  };
}

/** Runs one query on the database at `url` (a `DATABASE_URL`) over a connection of its own. */
export async function queryDatabase<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  if (/^postgres/.test(url)) return withPostgres(url, async (c) => (await c.query(sql, params)).rows as T[]);
  return withMysql(url, async (c) => (await c.query(sql, params))[0] as T[]);
}

export interface ServerAvailability {
  available: boolean;
  reason?: string;
}

/** Whether the database server a dialect's e2e suite needs answers. The embedded store always does. */
export async function databaseServerAvailable(dialect: Dialect): Promise<ServerAvailability> {
  try {
    if (dialect === 'sqlite') return { available: true };
    if (dialect === 'postgres') await withPostgres(SERVER_URLS.postgres(), (c) => c.query('SELECT 1'));
    else await withMysql(SERVER_URLS[dialect](), (c) => c.query('SELECT 1'));
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Decides whether an e2e suite for a dialect runs. A missing server is announced loudly; under
 * CI (`CI=true`) it is an error, never a silent skip.
 */
export async function requireDatabaseServer(dialect: Dialect, suite: string): Promise<string | undefined> {
  const { available, reason } = await databaseServerAvailable(dialect);
  if (available) return undefined;
  const message = `${suite}: the ${dialect} server is not reachable (${reason}); these tests DID NOT RUN.`;
  if (process.env.CI === 'true') throw new Error(`${message} CI requires every database server.`);
  process.stderr.write(`\n!!! ${message}\n!!! Start the server (see README, "Running the tests") to run them.\n\n`);
  return message;
}

async function withMysql<T>(serverUrl: string, fn: (c: Awaited<ReturnType<typeof createConnection>>) => Promise<T>) {
  const url = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    ...(url.pathname.length > 1 ? { database: decodeURIComponent(url.pathname.slice(1)) } : {}),
    connectTimeout: 3_000,
  });
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

async function withPostgres<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
