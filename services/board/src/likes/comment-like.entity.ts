import { TimestampColumn } from '@carebridge/platform';
import { Entity, PrimaryColumn } from 'typeorm';

/** One member's like of one comment; the primary key makes a second like impossible. */
@Entity('comment_likes')
export class CommentLike {
  @PrimaryColumn({ name: 'comment_id', type: 'varchar', length: 36 })
  commentId!: string;

  @PrimaryColumn({ name: 'member_sub', type: 'varchar', length: 64 })
  memberSub!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
