import { TimestampColumn } from '@carebridge/platform';
import { Entity, Index, PrimaryColumn } from 'typeorm';

/** A post one member keeps (스크랩); private to them, counted nowhere. */
@Entity('post_bookmarks')
@Index('idx_post_bookmarks_latest', ['memberSub', 'createdAt', 'postId'])
export class PostBookmark {
  @PrimaryColumn({ name: 'member_sub', type: 'varchar', length: 64 })
  memberSub!: string;

  @PrimaryColumn({ name: 'post_id', type: 'varchar', length: 36 })
  postId!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
