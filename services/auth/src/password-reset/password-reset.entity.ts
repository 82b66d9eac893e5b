import { Entity, Index } from 'typeorm';
import { OneTimeCodeRow } from '../mail/one-time-code.entity.js';

/** A single-use, short-lived code that lets the owner of the address set a new password. */
@Entity('password_resets')
@Index('idx_password_resets_user', ['userId'])
export class PasswordResetCode extends OneTimeCodeRow {}
