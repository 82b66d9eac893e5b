import { TimestampColumn } from '@carebridge/platform';
import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns every mailed one-time code keeps (an email verification, a password reset): whose it
 * is, the SHA-256 of the row id and the code (never the code), the attempts so far, when it stops
 * working and when it was used. Each kind has its own table (TypeORM's concrete-table inheritance).
 */
export abstract class OneTimeCodeRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @TimestampColumn('expires_at')
  expiresAt!: Date;

  @TimestampColumn('consumed_at', { nullable: true })
  consumedAt!: Date | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
