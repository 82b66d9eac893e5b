import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/database-errors.js';
import { IDEMPOTENCY_KEYS_TABLE } from './idempotency-keys.table.js';
import { KEY_TTL_MS, type KeyRecord, LEASE_MS } from './idempotency-rules.js';

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

  /** Holds the key for a new request: the lease it holds, or undefined when the key is already stored. */
  async claim(scope: string, key: string, fingerprint: string, now: number): Promise<number | undefined> {
    await this.pruneNowAndThen(now);
    const lease = now + LEASE_MS;
    try {
      await this.dataSource
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
          lease_until_ms: lease,
          expires_at_ms: now + KEY_TTL_MS,
        })
        .execute();
      return lease;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
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

  /** Takes over a pending key whose lease ran out: the new lease, or undefined when another request took it first. */
  async takeOver(scope: string, key: string, record: KeyRecord, now: number): Promise<number | undefined> {
    const lease = now + LEASE_MS;
    const result = await this.dataSource
      .createQueryBuilder()
      .update(IDEMPOTENCY_KEYS_TABLE)
      .set({ lease_until_ms: lease })
      .where('scope = :scope AND idem_key = :key AND state = :state AND lease_until_ms = :lease', {
        scope,
        key,
        state: 'pending',
        lease: record.leaseUntil,
      })
      .execute();
    return (result.affected ?? 0) === 1 ? lease : undefined;
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

  /**
   * Stores the answer with `manager`, in the write's own transaction, so the key is done exactly
   * when the write is committed. False when the key's lease is no longer this request's (it ran
   * out and a retry took the key over): the caller must then roll its write back.
   */
  async complete(
    manager: EntityManager,
    scope: string,
    key: string,
    lease: number,
    status: number,
    body: unknown,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(IDEMPOTENCY_KEYS_TABLE)
      .set({ state: 'done', response_status: status, response_body: body === undefined ? null : JSON.stringify(body) })
      .where('scope = :scope AND idem_key = :key AND state = :state AND lease_until_ms = :lease', {
        scope,
        key,
        state: 'pending',
        lease,
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Lets the key go after a request that kept nothing to replay: a retry runs afresh. */
  async release(scope: string, key: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager
      .createQueryBuilder()
      .delete()
      .from(IDEMPOTENCY_KEYS_TABLE)
      .where('scope = :scope AND idem_key = :key AND state = :state', { scope, key, state: 'pending' })
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
