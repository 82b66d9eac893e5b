import type { JobCategory } from '@carebridge/contracts';
import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An insider's review of the hospital they work at. The author is kept as the token's `sub` (never
 * returned; null once the account is deleted) and the job category they chose to show. No nickname:
 * nothing may tie a review to its author's board identity (`author_nickname` stays null).
 */
@Entity('reviews')
export class Review {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'hospital_id', type: 'varchar', length: 36 })
  hospitalId!: string;

  @Column({ name: 'author_sub', type: 'varchar', length: 64, nullable: true })
  authorSub!: string | null;

  @Column({ name: 'author_nickname', type: 'varchar', length: 40, nullable: true })
  authorNickname!: string | null;

  /** Set only while the author chooses to show it. */
  @Column({ name: 'author_job_category', type: 'varchar', length: 20, nullable: true })
  authorJobCategory!: JobCategory | null;

  @Column({ name: 'show_job_category', type: 'boolean' })
  showJobCategory!: boolean;

  /**
   * The review's tier: the author was a verified insider of this hospital when writing (or when
   * editing it while still one). Only these reviews count in the summary.
   */
  @Column({ name: 'verified_insider', type: 'boolean' })
  verifiedInsider!: boolean;

  @Column({ type: 'int' })
  overall!: number;

  @Column({ type: 'int' })
  care!: number;

  @Column({ type: 'int' })
  honesty!: number;

  @Column({ type: 'int' })
  staff!: number;

  @Column({ type: 'int' })
  facilities!: number;

  @Column({ type: 'int' })
  waiting!: number;

  @Column({ type: 'boolean' })
  recommend!: boolean;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'helpful_count', type: 'int' })
  helpfulCount!: number;

  /** Hidden by moderation (reports or an admin): out of the public lists. */
  @Column({ type: 'boolean' })
  hidden!: boolean;

  /** Hidden by an admin's decision: only this takes a review out of the rating summary. */
  @Column({ name: 'admin_hidden', type: 'boolean' })
  adminHidden!: boolean;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

/** One member's "helpful" mark on a review. */
@Entity('review_helpful_votes')
export class HelpfulVote {
  @PrimaryColumn({ name: 'review_id', type: 'varchar', length: 36 })
  reviewId!: string;

  @PrimaryColumn({ name: 'voter_sub', type: 'varchar', length: 64 })
  voterSub!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
