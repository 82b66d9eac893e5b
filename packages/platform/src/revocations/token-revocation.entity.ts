import { Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp-column.js';

/**
 * An account whose access tokens issued before `notBefore` may write nothing any more: deleted,
 * suspended, logged out everywhere or with a changed password. Published by the auth service.
 */
@Entity('token_revocations')
export class TokenRevocation {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sub!: string;

  @TimestampColumn('not_before')
  notBefore!: Date;
}
