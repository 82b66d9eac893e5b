import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Mail waiting to be sent. Written in the same transaction as the change that caused it. */
@Entity('mail_outbox')
@Index('idx_mail_outbox_pending', ['sentAt', 'createdAt'])
export class OutboxMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** Set by the replica that took the message, so two replicas never send it twice. */
  @TimestampColumn('claimed_at', { nullable: true })
  claimedAt!: Date | null;

  @TimestampColumn('sent_at', { nullable: true })
  sentAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
