import type { BoardName } from '@carebridge/contracts';
import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('posts')
@Index('idx_posts_board_latest', ['board', 'createdAt', 'id'])
@Index('idx_posts_board_popular', ['board', 'likeCount', 'createdAt', 'id'])
@Index('idx_posts_latest', ['createdAt', 'id'])
@Index('idx_posts_popular', ['likeCount', 'createdAt', 'id'])
@Index('idx_posts_author', ['authorSub'])
@Index('idx_posts_author_content', ['authorSub', 'contentHash'])
@Index('idx_posts_author_latest', ['authorSub', 'createdAt', 'id'])
export class Post {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  board!: BoardName;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 160 })
  excerpt!: string;

  /** Token `sub` of the author; null once the author deleted their account. Never sent to clients. */
  @Column({ name: 'author_sub', type: 'varchar', length: 64, nullable: true })
  authorSub!: string | null;

  @Column({ name: 'author_nickname', type: 'varchar', length: 40, nullable: true })
  authorNickname!: string | null;

  @Column({ name: 'view_count', type: 'int' })
  viewCount!: number;

  @Column({ name: 'like_count', type: 'int' })
  likeCount!: number;

  @Column({ name: 'comment_count', type: 'int' })
  commentCount!: number;

  @Column({ name: 'accepted_comment_id', type: 'varchar', length: 36, nullable: true })
  acceptedCommentId!: string | null;

  @Column({ type: 'boolean' })
  hidden!: boolean;

  /** `contentFingerprint` of the body: what a re-post of a hidden post is recognised by. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64, nullable: true })
  contentHash!: string | null;

  @TimestampColumn('deleted_at', { nullable: true })
  deletedAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
