import { TimestampColumn } from '@carebridge/platform';
import { Entity, PrimaryColumn } from 'typeorm';

/** When a viewer last counted as a view of a post. */
@Entity('post_views')
export class PostView {
  @PrimaryColumn({ name: 'post_id', type: 'varchar', length: 36 })
  postId!: string;

  /** `member:<sub>` or a hash of a visitor's address and browser. */
  @PrimaryColumn({ name: 'viewer_key', type: 'varchar', length: 80 })
  viewerKey!: string;

  @TimestampColumn('viewed_at')
  viewedAt!: Date;
}
