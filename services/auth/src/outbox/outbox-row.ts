import { TimestampColumn } from '@carebridge/platform';
import { Column, PrimaryColumn } from 'typeorm';

/** Columns every outbox table has: delivery state, shared by the dispatcher. */
export abstract class OutboxRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** Set by the replica that took the row, so two replicas never deliver it twice. */
  @TimestampColumn('claimed_at', { nullable: true })
  claimedAt!: Date | null;

  /** After a failure, the row waits until then (exponential back-off). */
  @TimestampColumn('next_attempt_at', { nullable: true })
  nextAttemptAt!: Date | null;

  @TimestampColumn('sent_at', { nullable: true })
  sentAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}

export const NEW_OUTBOX_ROW = { attempts: 0, lastError: null, claimedAt: null, nextAttemptAt: null, sentAt: null };
