import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Where the times of members' recent writes are kept, per key (`action:sub`). */
export interface WriteLog {
  /** Records a write; returns its id. */
  add(key: string, at: number): Promise<string>;
  /** Times of the key's other writes after `since`. */
  others(key: string, since: number, exceptId: string): Promise<number[]>;
  remove(id: string): Promise<void>;
  /** Forgets every write at or before `before`. */
  prune(before: number): Promise<void>;
}

/**
 * The `write_events` table of the service's own database, so that every replica counts the same
 * writes. Each service's migrations create it: `id` varchar(36), `event_key` varchar(120),
 * `at_ms` bigint, indexed on (`event_key`, `at_ms`) and on `at_ms`.
 */
export class SqlWriteLog implements WriteLog {
  constructor(private readonly dataSource: DataSource) {}

  async add(key: string, at: number): Promise<string> {
    const id = randomUUID();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(WRITE_EVENTS_TABLE, ['id', 'event_key', 'at_ms'])
      .values({ id, event_key: key, at_ms: at })
      .execute();
    return id;
  }

  async others(key: string, since: number, exceptId: string): Promise<number[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('w.at_ms', 'at')
      .from(WRITE_EVENTS_TABLE, 'w')
      .where('w.event_key = :key', { key })
      .andWhere('w.at_ms > :since', { since })
      .andWhere('w.id <> :exceptId', { exceptId })
      .getRawMany<{ at: string | number }>();
    // PostgreSQL returns bigint as a string.
    return rows.map((r) => Number(r.at));
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.createQueryBuilder().delete().from(WRITE_EVENTS_TABLE).where('id = :id', { id }).execute();
  }

  async prune(before: number): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(WRITE_EVENTS_TABLE)
      .where('at_ms <= :before', { before })
      .execute();
  }
}

export const WRITE_EVENTS_TABLE = 'write_events';

/** For unit tests and tools without a database: one process's memory. */
export class MemoryWriteLog implements WriteLog {
  private readonly rows = new Map<string, { key: string; at: number }>();

  async add(key: string, at: number): Promise<string> {
    const id = randomUUID();
    this.rows.set(id, { key, at });
    return id;
  }

  async others(key: string, since: number, exceptId: string): Promise<number[]> {
    return [...this.rows].filter(([id, r]) => id !== exceptId && r.key === key && r.at > since).map(([, r]) => r.at);
  }

  async remove(id: string): Promise<void> {
    this.rows.delete(id);
  }

  async prune(before: number): Promise<void> {
    for (const [id, r] of this.rows) if (r.at <= before) this.rows.delete(id);
  }
}
