import { Column, Entity, Index } from 'typeorm';
import { OutboxRow } from '../outbox/outbox-row.js';

/** Mail waiting to be sent. Written in the same transaction as the change that caused it. */
@Entity('mail_outbox')
@Index('idx_mail_outbox_pending', ['sentAt', 'createdAt'])
export class OutboxMessage extends OutboxRow {
  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;
}
