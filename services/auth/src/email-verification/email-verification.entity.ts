import { Column, Entity, Index } from 'typeorm';
import { OneTimeCodeRow } from '../mail/one-time-code.entity.js';

@Entity('email_verifications')
@Index('idx_email_verifications_user', ['userId'])
export class EmailVerification extends OneTimeCodeRow {
  /** The address the code was sent to: verifying it only counts if the account still has it. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;
}
