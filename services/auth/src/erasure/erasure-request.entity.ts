import { Column, Entity, Index } from 'typeorm';
import { OutboxRow } from '../outbox/outbox-row.js';

/**
 * A deleted account that a service holding its posts or reviews must still forget. The account
 * id is kept here only until every service has confirmed.
 */
@Entity('erasure_requests')
@Index('idx_erasure_requests_pending', ['sentAt', 'createdAt'])
export class ErasureRequest extends OutboxRow {
  @Column({ name: 'author_sub', type: 'varchar', length: 64 })
  authorSub!: string;

  /** Base URL of the service, e.g. `http://board:3002`. */
  @Column({ name: 'service_url', type: 'varchar', length: 300 })
  serviceUrl!: string;
}
