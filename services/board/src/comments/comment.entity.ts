import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('comments')
@Index('idx_comments_thread', ['postId', 'parentId', 'createdAt', 'id'])
@Index('idx_comments_author', ['authorSub'])
@Index('idx_comments_author_content', ['authorSub', 'contentHash'])
@Index('idx_comments_author_latest', ['authorSub', 'createdAt', 'id'])
export class Comment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'post_id', type: 'varchar', length: 36 })
  postId!: string;

  /** The top-level comment this replies to; replies go one level deep. */
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'author_sub', type: 'varchar', length: 64, nullable: true })
  authorSub!: string | null;

  @Column({ name: 'author_nickname', type: 'varchar', length: 40, nullable: true })
  authorNickname!: string | null;

  @Column({ type: 'boolean' })
  hidden!: boolean;

  /** `contentFingerprint` of the body, as on posts. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64, nullable: true })
  contentHash!: string | null;

  @Column({ name: 'like_count', type: 'int', default: 0 })
  likeCount!: number;

  @TimestampColumn('deleted_at', { nullable: true })
  deletedAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
