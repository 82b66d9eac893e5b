import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { Dialect } from './database-options.js';

const RETRYABLE_CODES = new Set([
  '40001', // PostgreSQL serialization failure
  '40P01', // PostgreSQL deadlock detected
  'ER_LOCK_DEADLOCK', // MySQL/MariaDB 1213
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_LOCKED',
]);
const MAX_ATTEMPTS = 5;

/** The dialect a connection speaks, named as `DATABASE_URL` names it. */
export function dialectOfConnection(source: DataSource | EntityManager): Dialect {
  const type = ('connection' in source ? source.connection : source).options.type;
  return type === 'better-sqlite3' ? 'sqlite' : (type as Dialect);
}

/**
 * Runs `work` in one transaction, retrying it (whole) after a deadlock or a busy database. On the
 * embedded store callers take turns on the one connection (`takeTurnsOnSqlite`).
 */
export async function retryingTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await sleep(Math.round(Math.random() * 25 * attempt));
    }
  }
}

/**
 * Locks one row until the transaction ends (`FOR UPDATE`; on SQLite transactions already run one
 * at a time). False when there is no such row. Read the row after locking it: each later statement
 * sees what the previous holder of the lock committed.
 */
export async function lockRow<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => T,
  id: string,
): Promise<boolean> {
  const query = manager.createQueryBuilder(entity, 'row').select('row.id', 'id').where('row.id = :id', { id });
  if (dialectOfConnection(manager) !== 'sqlite') query.setLock('pessimistic_write');
  return (await query.getRawOne()) !== undefined;
}

export function isRetryable(error: unknown): boolean {
  const e = (error as { driverError?: unknown })?.driverError ?? error;
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}
