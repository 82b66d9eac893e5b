import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A nickname given up (account deleted, nickname changed), held back from everyone else until
 * `availableAt`, so a stale token or an old post never seems to speak for a new holder.
 */
@Entity('released_nicknames')
export class ReleasedNickname {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  skeleton!: string;

  /** The account that gave it up, which may take it back; null once that account is deleted. */
  @Column({ name: 'released_by', type: 'varchar', length: 36, nullable: true })
  releasedBy!: string | null;

  @TimestampColumn('available_at')
  availableAt!: Date;
}
