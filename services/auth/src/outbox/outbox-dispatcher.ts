import { afterCommit, type JsonLogger } from '@carebridge/platform';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Brackets, type Repository } from 'typeorm';
import type { OutboxRow } from './outbox-row.js';

const POLL_MS = 2_000;
const BATCH = 20;
const CLAIM_TIMEOUT_MS = 60_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Delivers rows of an outbox table: rows are written in the transaction that caused them, then
 * delivered here, so a crash never loses one and a rolled-back change never sends one. Each row is
 * claimed with a conditional update first, so of several replicas exactly one delivers it; a
 * failure is retried with exponential back-off up to `maxAttempts`.
 */
export abstract class OutboxDispatcher<Row extends OutboxRow> implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  protected constructor(
    protected readonly rows: Repository<Row>,
    protected readonly logger: JsonLogger,
    private readonly maxAttempts: number,
  ) {}

  protected abstract deliver(row: Row): Promise<void>;

  /** Delivers soon rather than at the next poll: once the caller's rows are committed. */
  kick(): void {
    afterCommit(() => setImmediate(() => void this.dispatch()));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.dispatch(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  dispatch(): Promise<void> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deliverDue(): Promise<void> {
    const now = new Date();
    const due = await this.rows
      .createQueryBuilder('o')
      .where('o.sent_at IS NULL')
      .andWhere('o.attempts < :max', { max: this.maxAttempts })
      .andWhere(
        new Brackets((w) =>
          w
            .where('o.claimed_at IS NULL')
            .orWhere('o.claimed_at < :stale', { stale: new Date(now.getTime() - CLAIM_TIMEOUT_MS) }),
        ),
      )
      .andWhere(new Brackets((w) => w.where('o.next_attempt_at IS NULL').orWhere('o.next_attempt_at <= :now', { now })))
      .orderBy('o.created_at', 'ASC')
      .take(BATCH)
      .getMany();
    for (const row of due) {
      const claimed = await this.rows
        .createQueryBuilder()
        .update()
        .set({ claimedAt: new Date(), attempts: row.attempts + 1 } as never)
        .where('id = :id AND sent_at IS NULL AND attempts = :attempts', { id: row.id, attempts: row.attempts })
        .execute();
      if (!claimed.affected) continue;
      try {
        await this.deliver(row);
        await this.rows.update(row.id, { sentAt: new Date(), lastError: null } as never);
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const backoff = Math.min(1000 * 2 ** row.attempts, MAX_BACKOFF_MS);
        this.logger.emit('warn', 'outbox delivery failed; will retry', {
          context: this.constructor.name,
          id: row.id,
          attempt: row.attempts + 1,
          reason,
        });
        await this.rows.update(row.id, {
          claimedAt: null,
          lastError: reason,
          nextAttemptAt: new Date(Date.now() + backoff),
        } as never);
      }
    }
  }
}
