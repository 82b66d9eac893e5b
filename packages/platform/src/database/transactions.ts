import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { Dialect } from './database-options.js';
import { inSharedTransaction, sharingTransaction } from './request-transaction.js';

const RETRYABLE_CODES = new Set([
  '40001', // PostgreSQL serialization failure
  '40P01', // PostgreSQL deadlock detected
  'ER_LOCK_DEADLOCK', // MySQL/MariaDB 1213
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_LOCKED',
]);
const MAX_ATTEMPTS = 5;

type IsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** The dialect a connection speaks, named as `DATABASE_URL` names it. */
export function dialectOfConnection(source: DataSource | EntityManager): Dialect {
  const type = ('connection' in source ? source.connection : source).options.type;
  return type === 'better-sqlite3' ? 'sqlite' : (type as Dialect);
}

/**
 * Runs `work` in one transaction, retrying it (whole) after a deadlock or a busy database. On the
 * embedded store callers take turns on the one connection (`takeTurnsOnSqlite`). Inside
 * `oneTransaction` it is a savepoint of that transaction, and the outer one retries.
 */
export async function retryingTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolation?: IsolationLevel,
): Promise<T> {
  if (inSharedTransaction()) return dataSource.transaction(work);
  for (let attempt = 1; ; attempt++) {
    try {
      return await (isolation ? dataSource.transaction(isolation, work) : dataSource.transaction(work));
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await sleep(Math.round(Math.random() * 25 * attempt));
    }
  }
}

/**
 * Runs `work` and everything it calls — its transactions, its plain statements — as one transaction,
 * retried whole after a deadlock. Each statement sees what others committed before it, as outside
 * (READ COMMITTED on MySQL and MariaDB, whose default would freeze the first read's snapshot).
 */
export async function oneTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const dialect = dialectOfConnection(dataSource);
  const isolation = dialect === 'mysql' || dialect === 'mariadb' ? 'READ COMMITTED' : undefined;
  let committed: (() => void)[] = [];
  const result = await retryingTransaction(
    dataSource,
    (manager) => {
      committed = [];
      return sharingTransaction(dataSource, manager, committed, () => work(manager));
    },
    isolation,
  );
  for (const then of committed) then();
  return result;
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
