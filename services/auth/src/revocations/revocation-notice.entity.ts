import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, Index } from 'typeorm';
import { OutboxRow } from '../outbox/outbox-row.js';

/** Tells one service that `sub`'s tokens issued before `notBefore` may write nothing there. */
@Entity('revocation_notices')
@Index('idx_revocation_notices_pending', ['sentAt', 'createdAt'])
export class RevocationNotice extends OutboxRow {
  @Column({ type: 'varchar', length: 64 })
  sub!: string;

  @TimestampColumn('not_before')
  notBefore!: Date;

  @Column({ name: 'service_url', type: 'varchar', length: 300 })
  serviceUrl!: string;
}
