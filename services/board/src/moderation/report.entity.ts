import { reportColumns } from '@carebridge/platform';
import { Column, Entity, Index } from 'typeorm';

export type TargetType = 'post' | 'comment';

@Entity('reports')
@Index('uq_reports_target_reporter', ['targetType', 'targetId', 'reporterSub'], { unique: true })
@Index('idx_reports_reporter', ['reporterSub'])
export class Report extends reportColumns<TargetType>(10) {
  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;

  /** Null once the reporter deleted their account. */
  @Column({ name: 'reporter_sub', type: 'varchar', length: 64, nullable: true })
  reporterSub!: string | null;
}
