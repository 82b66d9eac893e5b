import type { ModerationResolution, ReportReason, ReportStatus } from '@carebridge/contracts';
import { Column, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp-column.js';

/** What every report keeps: the reported item, why, the reporter's weight then, and when. */
export interface ReportRow<Target extends string> {
  id: string;
  targetType: Target;
  targetId: string;
  reason: ReportReason;
  /** The reporter's standing when reporting (`reportWeight`). */
  weight: number;
  detail: string | null;
  createdAt: Date;
}

/** All reports against one item, and what the moderators decided about it. */
export interface ModerationCaseRow<Target extends string> {
  id: string;
  targetType: Target;
  targetId: string;
  reportCount: number;
  /** Sum of the reports' weights: what decides automatic hiding. */
  reportWeight: number;
  status: ReportStatus;
  resolution: ModerationResolution | null;
  createdAt: Date;
  updatedAt: Date;
}

type Columns<Row> = abstract new () => Row;

type TargetedRow<Target extends string> = Pick<ReportRow<Target>, 'id' | 'targetType' | 'targetId' | 'createdAt'>;

/** A row about one reported item: its id, the item's type and id, when it was written. */
function targetedColumns<Target extends string>(targetTypeLength: number): Columns<TargetedRow<Target>> {
  abstract class TargetedColumns {
    @PrimaryColumn({ type: 'varchar', length: 36 })
    id!: string;

    @Column({ name: 'target_type', type: 'varchar', length: targetTypeLength })
    targetType!: Target;

    @Column({ name: 'target_id', type: 'varchar', length: 36 })
    targetId!: string;

    @TimestampColumn('created_at')
    createdAt!: Date;
  }
  return TargetedColumns;
}

/**
 * The columns of a service's `reports` table, for its entity to extend; `targetTypeLength` is the
 * width its migration gave `target_type`. The reporter and anything else of the service's own stay
 * in its entity.
 */
export function reportColumns<Target extends string>(targetTypeLength: number): Columns<ReportRow<Target>> {
  abstract class ReportColumns extends targetedColumns<Target>(targetTypeLength) {
    @Column({ type: 'varchar', length: 20 })
    reason!: ReportReason;

    @Column({ type: 'int' })
    weight!: number;

    @Column({ type: 'varchar', length: 500, nullable: true })
    detail!: string | null;
  }
  return ReportColumns;
}

/** The columns of a service's `moderation_cases` table, for its entity to extend (see reportColumns). */
export function moderationCaseColumns<Target extends string>(
  targetTypeLength: number,
): Columns<ModerationCaseRow<Target>> {
  abstract class ModerationCaseColumns extends targetedColumns<Target>(targetTypeLength) {
    @Column({ name: 'report_count', type: 'int' })
    reportCount!: number;

    @Column({ name: 'report_weight', type: 'int' })
    reportWeight!: number;

    @Column({ type: 'varchar', length: 10 })
    status!: ReportStatus;

    @Column({ type: 'varchar', length: 10, nullable: true })
    resolution!: ModerationResolution | null;

    @TimestampColumn('updated_at')
    updatedAt!: Date;
  }
  return ModerationCaseColumns;
}
