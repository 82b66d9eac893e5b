import type { NotificationKind } from '@carebridge/contracts';
import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Something that happened to a member's post or comment. Ids only: the actor is never stored, and
 * the post's title is read when the list is, so nothing here outlives what the post still shows.
 */
@Entity('notifications')
@Index('idx_notifications_latest', ['recipientSub', 'createdAt', 'id'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'recipient_sub', type: 'varchar', length: 64 })
  recipientSub!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: NotificationKind;

  @Column({ name: 'post_id', type: 'varchar', length: 36 })
  postId!: string;

  @Column({ name: 'comment_id', type: 'varchar', length: 36, nullable: true })
  commentId!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('read_at', { nullable: true })
  readAt!: Date | null;
}
