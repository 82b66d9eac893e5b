import type { AffiliationMethod, AffiliationStatus } from '@carebridge/contracts';
import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, type EntityManager, Index, IsNull, PrimaryColumn } from 'typeorm';

/** A member's attempt to prove their workplace: a work-email code, or evidence for an admin. */
@Entity('affiliation_requests')
@Index('idx_affiliation_requests_user', ['userId', 'createdAt'])
@Index('idx_affiliation_requests_queue', ['status', 'createdAt', 'id'])
export class AffiliationRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** The workplace being proved; a later workplace change leaves the request behind. */
  @Column({ name: 'hospital_id', type: 'varchar', length: 64 })
  hospitalId!: string;

  @Column({ type: 'varchar', length: 12 })
  method!: AffiliationMethod;

  @Column({ type: 'varchar', length: 12 })
  status!: AffiliationStatus;

  @Column({ name: 'work_email', type: 'varchar', length: 254, nullable: true })
  workEmail!: string | null;

  /** SHA-256 of the row id and the mailed code (work-email requests only). */
  @Column({ name: 'code_hash', type: 'varchar', length: 64, nullable: true })
  codeHash!: string | null;

  @Column({ type: 'int' })
  attempts!: number;

  @TimestampColumn('expires_at', { nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  evidence!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('decided_at', { nullable: true })
  decidedAt!: Date | null;
}

/** Unsent codes to the member's work addresses go with the account (the rows go by the foreign key). */
export async function removeWorkEmailMail(manager: EntityManager, userId: string): Promise<void> {
  const rows = await manager.find(AffiliationRequest, { where: { userId }, select: { workEmail: true } });
  for (const address of new Set(rows.map((r) => r.workEmail).filter((a): a is string => a !== null))) {
    await manager.delete('mail_outbox', { recipient: address, sentAt: IsNull() });
  }
}
