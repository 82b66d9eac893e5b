import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { EMAIL_CODE_LENGTH } from '@carebridge/contracts';
import { ProblemException } from '@carebridge/platform';
import {
  type EntityManager,
  type EntityTarget,
  type FindOptionsOrder,
  type FindOptionsWhere,
  IsNull,
  type Repository,
} from 'typeorm';
import type { Mail } from './mailer.js';
import type { OneTimeCodeRow } from './one-time-code.entity.js';

/** A fresh numeric code of the length members type from a mail. */
export function newCode(): string {
  return String(randomInt(0, 10 ** EMAIL_CODE_LENGTH)).padStart(EMAIL_CODE_LENGTH, '0');
}

/** SHA-256 of the row id and the code: the code itself is never stored, and equal codes hash apart. */
export function hashCode(rowId: string, code: string): string {
  return createHash('sha256').update(`${rowId}:${code}`).digest('hex');
}

/** A code issued for a new row: the row's id, the code to mail, the hash to store, its expiry. */
export interface IssuedCode {
  id: string;
  code: string;
  codeHash: string;
  expiresAt: Date;
  /** The lifetime in whole minutes, as the mail states it. */
  minutes: number;
}

export function issueCode(now: Date, ttlSeconds: number): IssuedCode {
  const id = randomUUID();
  const code = newCode();
  return {
    id,
    code,
    codeHash: hashCode(id, code),
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    minutes: Math.round(ttlSeconds / 60),
  };
}

/**
 * Withdraws the account's open codes of one kind and stores a fresh one (its hash only), inside
 * the caller's transaction; answers the code to mail. Only the newest code ever works.
 */
export async function replaceOpenCode(
  manager: EntityManager,
  kind: EntityTarget<OneTimeCodeRow>,
  userId: string,
  ttlSeconds: number,
  now: Date,
  /** The kind's own columns (an email verification's address). */
  extra: Record<string, unknown> = {},
): Promise<IssuedCode> {
  const issued = issueCode(now, ttlSeconds);
  await manager.update(kind, { userId, consumedAt: IsNull() }, { consumedAt: now });
  const row: OneTimeCodeRow = {
    id: issued.id,
    userId,
    codeHash: issued.codeHash,
    attempts: 0,
    expiresAt: issued.expiresAt,
    consumedAt: null,
    createdAt: now,
  };
  await manager.insert(kind, { ...row, ...extra });
  return issued;
}

/** The account's newest code of one kind that is not used or withdrawn yet. */
export function latestOpenCode<T extends OneTimeCodeRow>(codes: Repository<T>, userId: string): Promise<T | null> {
  // Typed through the base row: TypeORM cannot see that every T has the base row's columns.
  const where = { userId, consumedAt: IsNull() } as FindOptionsWhere<T>;
  return codes.findOne({ where, order: { createdAt: 'DESC' } as FindOptionsOrder<T> });
}

/** The mail carrying a code: subject and first lines name it in Korean and English, then `footer`. */
export function codeMail(to: string, code: string, name: { ko: string; en: string }, footer: string): Mail {
  return {
    to,
    subject: `[Carebridge] ${name.ko} ${code}`,
    text: `Carebridge ${name.ko}: ${code}\nYour Carebridge ${name.en}: ${code}\n\n${footer}`,
  };
}

export function sameHash(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export interface PendingCode {
  id: string;
  codeHash: string;
  attempts: number;
  expiresAt: Date;
}

/**
 * Checks a typed code against the pending one, throwing the problem a member sees (missing,
 * expired, locked after `maxAttempts`, wrong); answers the pending code when it matched. The attempt is counted before comparing, so
 * parallel guesses cannot exceed the limit.
 */
export async function checkCode<T extends PendingCode>(
  pending: T | null,
  code: string,
  maxAttempts: number,
  countAttempt: (id: string) => Promise<unknown>,
): Promise<T> {
  if (!pending) {
    throw ProblemException.badRequest('AUTH.EMAIL_CODE_MISSING', 'There is no code to check. Ask for a new one.', [
      { field: 'code', message: 'no code was requested, or it was replaced; ask for a new one' },
    ]);
  }
  if (pending.expiresAt <= new Date()) {
    throw ProblemException.badRequest('AUTH.EMAIL_CODE_EXPIRED', 'The code has expired. Ask for a new one.', [
      { field: 'code', message: 'has expired' },
    ]);
  }
  if (pending.attempts >= maxAttempts) {
    throw ProblemException.tooManyRequests('AUTH.EMAIL_CODE_LOCKED', 'Too many wrong codes. Ask for a new one.', 1);
  }
  await countAttempt(pending.id);
  if (!sameHash(pending.codeHash, hashCode(pending.id, code))) {
    const left = maxAttempts - pending.attempts - 1;
    throw ProblemException.badRequest('AUTH.EMAIL_CODE_WRONG', `The code is not correct. ${left} attempt(s) left.`, [
      { field: 'code', message: 'is not correct' },
    ]);
  }
  return pending;
}

/** Refuses a new code while the last one, sent at `lastSentAt`, is younger than `seconds` (429). */
export function refuseWithinCooldown(lastSentAt: Date | undefined, seconds: number, now: Date): void {
  const cooldownEnds = lastSentAt ? lastSentAt.getTime() + seconds * 1000 : 0;
  if (cooldownEnds > now.getTime()) {
    throw ProblemException.tooManyRequests(
      'AUTH.EMAIL_CODE_COOLDOWN',
      'A code was sent a moment ago. Wait before asking for another.',
      (cooldownEnds - now.getTime()) / 1000,
    );
  }
}
