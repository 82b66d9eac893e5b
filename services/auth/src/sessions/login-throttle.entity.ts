import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed sign-ins counted per account and per client address, shared by every replica. */
@Entity('login_throttle')
export class LoginThrottle {
  /** `account:<email>` or `address:<ip>`. */
  @PrimaryColumn({ name: 'throttle_key', type: 'varchar', length: 300 })
  key!: string;

  @Column({ type: 'int' })
  failures!: number;

  @Column({ name: 'window_started_at', type: 'datetime' })
  windowStartedAt!: Date;

  @Column({ name: 'blocked_until', type: 'datetime', nullable: true })
  blockedUntil!: Date | null;
}
