import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/database-errors.js';
import { dialectOfConnection } from '../database/transactions.js';
import { IDEMPOTENCY_KEYS_TABLE } from './idempotency-keys.table.js';
import { DUPLICATE_WAIT_MS, KEY_TTL_MS, type KeyRecord, LEASE_MS } from './idempotency-rules.js';

interface Row {
  fingerprint: string;
  state: string;
  response_status: number | string | null;
  response_body: string | null;
  lease_until_ms: number | string;
  expires_at_ms: number | string;
}

const COLUMNS: (keyof Row)[] = [
  'fingerprint',
  'state',
  'response_status',
  'response_body',
  'lease_until_ms',
  'expires_at_ms',
];

/** Keys of a member (`scope`) in the service's own database, so every replica sees the same ones. */
@Injectable()
export class IdempotencyStore {
  private lastPrune = 0;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Holds the key for a new request, in the request's own transaction: the row stays invisible
   * and locked until that transaction ends, and goes with it if it rolls back. A duplicate's claim
   * waits on that lock (5 s at most, then a lock timeout); false when the key is already stored.
   */
  async claim(manager: EntityManager, scope: string, key: string, fingerprint: string, now: number): Promise<boolean> {
    await this.pruneNowAndThen(now);
    const lockWait = lockWaitStatements(dialectOfConnection(manager));
    if (lockWait) await manager.query(lockWait.bound);
    try {
      await manager
        .createQueryBuilder()
        .insert()
        .into(IDEMPOTENCY_KEYS_TABLE, ['scope', 'idem_key', ...COLUMNS])
        .values({
          scope,
          idem_key: key,
          fingerprint,
          state: 'pending',
          response_status: null,
          response_body: null,
          lease_until_ms: now + LEASE_MS,
          expires_at_ms: now + KEY_TTL_MS,
        })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    } finally {
      // After a refused claim PostgreSQL's transaction is aborted (and its SET LOCAL gone with it).
      if (lockWait) await manager.query(lockWait.restored).catch(() => undefined);
    }
  }

  async find(scope: string, key: string): Promise<KeyRecord | undefined> {
    const query = this.dataSource.createQueryBuilder().from(IDEMPOTENCY_KEYS_TABLE, 'k');
    for (const column of COLUMNS) query.addSelect(`k.${column}`, column);
    const row = await query.where('k.scope = :scope AND k.idem_key = :key', { scope, key }).getRawOne<Row>();
    if (!row) return undefined;
    return {
      fingerprint: row.fingerprint,
      state: row.state === 'done' ? 'done' : 'pending',
      responseStatus: row.response_status === null ? null : Number(row.response_status),
      responseBody: row.response_body,
      // PostgreSQL returns bigint as a string.
      leaseUntil: Number(row.lease_until_ms),
      expiresAt: Number(row.expires_at_ms),
    };
  }

  /** Forgets an expired key, so that its scope may use it again. */
  async forget(scope: string, key: string, record: KeyRecord): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(IDEMPOTENCY_KEYS_TABLE)
      .where('scope = :scope AND idem_key = :key AND expires_at_ms = :expires', {
        scope,
        key,
        expires: record.expiresAt,
      })
      .execute();
  }

  /** Stores the answer in the request's transaction, so the key is done exactly when its writes are committed. */
  async complete(manager: EntityManager, scope: string, key: string, status: number, body: unknown): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(IDEMPOTENCY_KEYS_TABLE)
      .set({ state: 'done', response_status: status, response_body: body === undefined ? null : JSON.stringify(body) })
      .where('scope = :scope AND idem_key = :key', { scope, key })
      .execute();
  }

  /** Lets the key go, in the request's transaction, after a request that keeps nothing to replay. */
  async release(manager: EntityManager, scope: string, key: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .delete()
      .from(IDEMPOTENCY_KEYS_TABLE)
      .where('scope = :scope AND idem_key = :key', { scope, key })
      .execute();
  }

  private async pruneNowAndThen(now: number): Promise<void> {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(IDEMPOTENCY_KEYS_TABLE)
      .where('expires_at_ms <= :now', { now })
      .execute();
  }
}

/**
 * How a duplicate's claim is kept from waiting on the first request's lock for longer than the
 * duplicate wait: PostgreSQL for the rest of the transaction, MySQL and MariaDB for the session
 * (set back once claimed). SQLite runs one transaction at a time and never waits on a lock.
 */
function lockWaitStatements(dialect: string): { bound: string; restored: string } | undefined {
  const seconds = DUPLICATE_WAIT_MS / 1000;
  if (dialect === 'postgres')
    return { bound: `SET LOCAL lock_timeout = '${seconds}s'`, restored: 'SET LOCAL lock_timeout = DEFAULT' };
  if (dialect === 'mysql' || dialect === 'mariadb')
    return {
      bound: `SET SESSION innodb_lock_wait_timeout = ${seconds}`,
      restored: 'SET SESSION innodb_lock_wait_timeout = DEFAULT',
    };
  return undefined;
}
