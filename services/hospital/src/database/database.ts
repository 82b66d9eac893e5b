import { setTimeout as sleep } from 'node:timers/promises';
import { takeTurnsOnSqlite } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';

export type HospitalDialect = 'postgres' | 'sqlite';

const RETRYABLE_CODES = new Set([
  '40001', // PostgreSQL serialization failure
  '40P01', // PostgreSQL deadlock detected
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_LOCKED',
]);
const MAX_ATTEMPTS = 5;

/**
 * The service's way into its database. Every write runs in `transaction()`, every read in `read()`.
 *
 * On the embedded store callers take turns on the one SQLite connection (`takeTurnsOnSqlite`, which
 * the platform applies to the service and this class applies for the import CLI too); PostgreSQL
 * gets real concurrency and row locks.
 */
@Injectable()
export class Database {
  readonly dialect: HospitalDialect;

  constructor(readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    takeTurnsOnSqlite(dataSource);
  }

  /** Runs `work` in one transaction, retrying it (whole) after a deadlock or a busy database. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await sleep(Math.round(Math.random() * 25 * attempt));
      }
    }
  }

  /** Runs reads; on SQLite their statements wait for any transaction in progress, so they never see uncommitted rows. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(this.dataSource.manager);
  }

  /**
   * Locks one row until the transaction ends (PostgreSQL `FOR UPDATE`; on SQLite transactions
   * already run one at a time). False when there is no such row. Read the row after locking it:
   * each later statement sees what the previous holder of the lock committed.
   */
  async lockRow<T extends ObjectLiteral>(manager: EntityManager, entity: new () => T, id: string): Promise<boolean> {
    const query = manager.createQueryBuilder(entity, 'row').select('row.id', 'id').where('row.id = :id', { id });
    if (this.dialect === 'postgres') query.setLock('pessimistic_write');
    return (await query.getRawOne()) !== undefined;
  }
}

export function isRetryable(error: unknown): boolean {
  const e = (error as { driverError?: unknown })?.driverError ?? error;
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}
