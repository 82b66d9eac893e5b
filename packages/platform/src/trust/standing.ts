import { type AccessTokenClaims, ESTABLISHED_ACCOUNT_DAYS } from '@carebridge/contracts';

/**
 * How much a member has at stake, from their token alone:
 * `new` — email unverified, or the account is younger than ESTABLISHED_ACCOUNT_DAYS (or of unknown age);
 * `member` — established, workplace not verified; `insider` — established and a verified insider.
 */
export type Standing = 'new' | 'member' | 'insider';

export type StandingClaims = Pick<AccessTokenClaims, 'emailVerified' | 'memberSince' | 'insiderVerified'>;

const DAY_MS = 86_400_000;

export function standingOf(claims: StandingClaims, now: number): Standing {
  const since = Date.parse(claims.memberSince);
  const established =
    claims.emailVerified && Number.isFinite(since) && now - since >= ESTABLISHED_ACCOUNT_DAYS * DAY_MS;
  if (!established) return 'new';
  return claims.insiderVerified ? 'insider' : 'member';
}
