import type { JobCategory, Role } from '@carebridge/contracts';
import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Lower-cased, so uniqueness is case-insensitive on every database. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @TimestampColumn('email_verified_at', { nullable: true })
  emailVerifiedAt!: Date | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 20 })
  nickname!: string;

  /** The nickname's confusable skeleton (see `nickname.ts`), carrying the uniqueness rule. */
  @Column({ name: 'nickname_key', type: 'varchar', length: 80, unique: true })
  nicknameKey!: string;

  /** The member's workplace: an id of the hospital service, an opaque reference. */
  @Column({ name: 'hospital_id', type: 'varchar', length: 64, nullable: true })
  hospitalId!: string | null;

  /** Last change of the workplace; changes are rate-limited (WORKPLACE_CHANGE_DAYS). */
  @TimestampColumn('hospital_changed_at', { nullable: true })
  hospitalChangedAt!: Date | null;

  /** Set by an admin: the account may neither sign in nor write until it is lifted. */
  @TimestampColumn('suspended_at', { nullable: true })
  suspendedAt!: Date | null;

  @Column({ name: 'job_category', type: 'varchar', length: 20, nullable: true })
  jobCategory!: JobCategory | null;

  @Column({ type: 'varchar', length: 10 })
  role!: Role;

  @Column({ name: 'insider_verified', type: 'boolean' })
  insiderVerified!: boolean;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}
