import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed sign-ins counted per account and per client address, shared by every replica. */
@Entity('login_throttle')
export class LoginThrottle {
  /** `account:<email>` or `address:<ip>`. */
  @PrimaryColumn({ name: 'throttle_key', type: 'varchar', length: 300 })
  key!: string;

  @Column({ type: 'int' })
  failures!: number;

  @TimestampColumn('window_started_at')
  windowStartedAt!: Date;

  @TimestampColumn('blocked_until', { nullable: true })
  blockedUntil!: Date | null;
}
