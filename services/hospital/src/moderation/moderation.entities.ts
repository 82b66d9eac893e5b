import { moderationCaseColumns, reportColumns } from '@carebridge/platform';
import { Column, Entity } from 'typeorm';

export type ReportTargetType = 'review';

/** One member's report of one item; a member reports an item at most once. */
@Entity('reports')
export class Report extends reportColumns<ReportTargetType>(20) {
  @Column({ name: 'reporter_sub', type: 'varchar', length: 64 })
  reporterSub!: string;
}

/** The reports of one item, as one entry of the moderation queue. */
@Entity('moderation_cases')
export class ModerationCase extends moderationCaseColumns<ReportTargetType>(20) {}
