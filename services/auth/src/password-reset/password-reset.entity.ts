import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A single-use, short-lived code that lets the owner of the address set a new password. */
@Entity('password_resets')
@Index('idx_password_resets_user', ['userId'])
export class PasswordResetCode {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** SHA-256 of the row id and the code; the code itself is never stored. */
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
