import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AuthoredItem } from '../authors/authored-item.js';

@Entity('comments')
@Index('idx_comments_thread', ['postId', 'parentId', 'createdAt', 'id'])
@Index('idx_comments_author', ['authorSub'])
@Index('idx_comments_author_content', ['authorSub', 'contentHash'])
@Index('idx_comments_author_latest', ['authorSub', 'createdAt', 'id'])
export class Comment extends AuthoredItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'post_id', type: 'varchar', length: 36 })
  postId!: string;

  /** The top-level comment this replies to; replies go one level deep. */
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'like_count', type: 'int', default: 0 })
  likeCount!: number;
}
