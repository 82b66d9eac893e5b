import type { ModerationResolution, ReportReason, ReportStatus } from '@carebridge/contracts';
import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ReportTargetType = 'review';

/** One member's report of one item; a member reports an item at most once. */
@Entity('reports')
export class Report {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 20 })
  targetType!: ReportTargetType;

  @Column({ name: 'target_id', type: 'varchar', length: 36 })
  targetId!: string;

  @Column({ name: 'reporter_sub', type: 'varchar', length: 64 })
  reporterSub!: string;

  @Column({ type: 'varchar', length: 20 })
  reason!: ReportReason;

  /** The reporter's standing when reporting (`reportWeight`). */
  @Column({ type: 'int' })
  weight!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}

/** The reports of one item, as one entry of the moderation queue. */
@Entity('moderation_cases')
export class ModerationCase {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 20 })
  targetType!: ReportTargetType;

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
  resolution!: ModerationResolution | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
