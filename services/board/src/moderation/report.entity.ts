import type { ReportReason } from '@carebridge/contracts';
import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type TargetType = 'post' | 'comment';

@Entity('reports')
@Index('uq_reports_target_reporter', ['targetType', 'targetId', 'reporterSub'], { unique: true })
@Index('idx_reports_reporter', ['reporterSub'])
export class Report {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 10 })
  targetType!: TargetType;

  @Column({ name: 'target_id', type: 'varchar', length: 36 })
  targetId!: string;

  /** Null once the reporter deleted their account. */
  @Column({ name: 'reporter_sub', type: 'varchar', length: 64, nullable: true })
  reporterSub!: string | null;

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
