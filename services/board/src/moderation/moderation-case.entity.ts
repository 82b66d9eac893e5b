import type { ReportStatus } from '@carebridge/contracts';
import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TargetType } from './report.entity.js';

export type Resolution = 'hidden' | 'restored' | 'dismissed';

/** All reports against one item, and what the moderators decided about it. */
@Entity('moderation_cases')
@Index('uq_moderation_cases_target', ['targetType', 'targetId'], { unique: true })
@Index('idx_moderation_cases_queue', ['status', 'updatedAt', 'id'])
export class ModerationCase {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 10 })
  targetType!: TargetType;

  @Column({ name: 'target_id', type: 'varchar', length: 36 })
  targetId!: string;

  @Column({ name: 'report_count', type: 'int' })
  reportCount!: number;

  /** Sum of the reports' weights: what decides automatic hiding. */
  @Column({ name: 'report_weight', type: 'int' })
  reportWeight!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: ReportStatus;

  @Column({ type: 'varchar', length: 10, nullable: true })
  resolution!: Resolution | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
