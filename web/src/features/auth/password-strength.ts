import { PASSWORD_MIN_LENGTH } from '@carebridge/contracts';

export type Strength = 'tooShort' | 'weak' | 'fair' | 'strong';

/** A hint only: the API decides. Length counts most; mixing kinds of characters helps. */
export function passwordStrength(password: string): Strength {
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const score = kinds + (password.length >= 14 ? 1 : 0) + (password.length >= 18 ? 1 : 0);
  if (score >= 4) return 'strong';
  if (score >= 2) return 'fair';
  return 'weak';
}
