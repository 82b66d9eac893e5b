import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, LessThan, type Repository } from 'typeorm';
import { isUniqueViolation } from '../database/database-errors.js';
import { TokenRevocation } from './token-revocation.entity.js';

/** Answers whether a token of `sub` issued at `issuedAt` (seconds since the epoch) was revoked. */
export abstract class RevocationList {
  abstract isRevoked(sub: string, issuedAt: number): Promise<boolean>;
}

/**
 * Access tokens live minutes; a revocation older than this can refuse nothing that has not expired
 * on its own, so it is dropped.
 */
const KEEP_MS = 24 * 3600 * 1000;

/** Revocation instants are whole seconds, rounded up, because a token's `iat` is in whole seconds. */
export function revocationInstant(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / 1000) * 1000);
}

/**
 * The revocations a service knows, in its own database: one row per account, looked up by primary
 * key on each write, so every replica refuses a revoked token as soon as any replica stored it.
 */
@Injectable()
export class RevocationStore extends RevocationList {
  constructor(@InjectRepository(TokenRevocation) private readonly rows: Repository<TokenRevocation>) {
    super();
  }

  async isRevoked(sub: string, issuedAt: number): Promise<boolean> {
    const row = await this.rows.findOneBy({ sub });
    return row !== null && issuedAt * 1000 < row.notBefore.getTime();
  }

  async notBefore(sub: string): Promise<Date | undefined> {
    return (await this.rows.findOneBy({ sub }))?.notBefore;
  }

  /** Stores the later of the known and the given instant; safe to repeat and to race. */
  async record(sub: string, notBefore: Date, manager: EntityManager = this.rows.manager): Promise<void> {
    const at = revocationInstant(notBefore);
    await manager.delete(TokenRevocation, { notBefore: LessThan(new Date(Date.now() - KEEP_MS)) });
    const known = await manager.findOneBy(TokenRevocation, { sub });
    if (known && known.notBefore >= at) return;
    if (known) {
      await manager.update(TokenRevocation, { sub }, { notBefore: at });
      return;
    }
    try {
      await manager.insert(TokenRevocation, { sub, notBefore: at });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await manager.update(TokenRevocation, { sub }, { notBefore: at });
    }
  }
}
