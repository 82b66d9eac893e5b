import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('email_verifications')
@Index('idx_email_verifications_user', ['userId'])
export class EmailVerification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** The address the code was sent to: verifying it only counts if the account still has it. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

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
