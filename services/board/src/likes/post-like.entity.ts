import { TimestampColumn } from '@carebridge/platform';
import { Entity, PrimaryColumn } from 'typeorm';

/** One member's like of one post; the primary key makes a second like impossible. */
@Entity('post_likes')
export class PostLike {
  @PrimaryColumn({ name: 'post_id', type: 'varchar', length: 36 })
  postId!: string;

  @PrimaryColumn({ name: 'member_sub', type: 'varchar', length: 64 })
  memberSub!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
