import { TimestampColumn } from '@carebridge/platform';
import { Column } from 'typeorm';

/**
 * What posts and comments share: who wrote them (kept from clients), moderation's mark, the body's
 * fingerprint and the three times. Each entity has its own table; TypeORM copies these columns in.
 */
export abstract class AuthoredItem {
  /** Token `sub` of the author; null once the author deleted their account. Never sent to clients. */
  @Column({ name: 'author_sub', type: 'varchar', length: 64, nullable: true })
  authorSub!: string | null;

  @Column({ name: 'author_nickname', type: 'varchar', length: 40, nullable: true })
  authorNickname!: string | null;

  @Column({ type: 'boolean' })
  hidden!: boolean;

  /** `contentFingerprint` of the body: what a re-post of a hidden item is recognised by. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64, nullable: true })
  contentHash!: string | null;

  @TimestampColumn('deleted_at', { nullable: true })
  deletedAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
