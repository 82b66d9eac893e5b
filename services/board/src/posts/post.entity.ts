import type { BoardName } from '@carebridge/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AuthoredItem } from '../authors/authored-item.js';

@Entity('posts')
@Index('idx_posts_board_latest', ['board', 'createdAt', 'id'])
@Index('idx_posts_board_popular', ['board', 'likeCount', 'createdAt', 'id'])
@Index('idx_posts_latest', ['createdAt', 'id'])
@Index('idx_posts_popular', ['likeCount', 'createdAt', 'id'])
@Index('idx_posts_author', ['authorSub'])
@Index('idx_posts_author_content', ['authorSub', 'contentHash'])
@Index('idx_posts_author_latest', ['authorSub', 'createdAt', 'id'])
export class Post extends AuthoredItem {
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

  @Column({ name: 'view_count', type: 'int' })
  viewCount!: number;

  @Column({ name: 'like_count', type: 'int' })
  likeCount!: number;

  @Column({ name: 'comment_count', type: 'int' })
  commentCount!: number;

  @Column({ name: 'accepted_comment_id', type: 'varchar', length: 36, nullable: true })
  acceptedCommentId!: string | null;
}
