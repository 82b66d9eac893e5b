import { ApiError } from './api-client';
import { hasMessage, type MessageKey, type Translate } from './i18n';
import { errorMessage } from './problems';

/** What the UI says about a failed request: one message per field, and one for the whole form. */
export interface Described {
  fields: Record<string, string>;
  message: string | null;
}

/**
 * The API's field messages are English sentences from its validators: each known one becomes a
 * catalogue message (in either language), and anything else a generic one, so no raw server
 * text reaches the page. Order matters: the first match wins.
 */
const FIELD_PATTERNS: [RegExp, MessageKey, string[]][] = [
  [/^must be a valid email address$/, 'validation.email', []],
  [/^must be (\d+) to (\d+) characters long$/, 'validation.length', ['min', 'max']],
  [/must be shorter than or equal to (\d+) characters/, 'validation.maxLength', ['max']],
  [/must be longer than or equal to (\d+) characters/, 'validation.minLength', ['min']],
  [/should not be empty|is required/, 'validation.required', []],
  [/^may contain letters, digits/, 'validation.nicknameChars', []],
  [/^must not be your email address$/, 'validation.notEmail', []],
  [/^is not your current password$/, 'validation.wrongPassword', []],
  [/^is reserved/, 'validation.reserved', []],
  [/is already (taken|in use|registered)|is taken|already exists/, 'validation.taken', []],
  [/must be a whole number from (\d+) to (\d+)/, 'validation.rating', ['min', 'max']],
  [/^must be at least (\d+)$/, 'validation.min', ['min']],
  [/^must be at most (\d+)$/, 'validation.max', ['max']],
  [/^must be (\d+) digits$/, 'validation.codeFormat', ['length']],
  [/^is not correct$/, 'validation.codeWrong', []],
  [/^has expired$/, 'validation.codeExpired', []],
  [/^no code was requested/, 'validation.codeMissing', []],
  [/^is wrong, used or expired/, 'problem.AUTH.PASSWORD_RESET_CODE_INVALID', []],
  [/^must be a hospital id$/, 'validation.hospitalId', []],
  [/^must be (one of|open or|true or false)|must be a boolean/, 'validation.choice', []],
  [/^must be (a UUID|the id of|an account id)/, 'validation.id', []],
  [/cursor/, 'validation.cursor', []],
  [/whole number|integer/, 'validation.integer', []],
  [/^must be a phone number$/, 'validation.phone', []],
  [/^must be a postal code$/, 'validation.postalCode', []],
  [/URL/, 'validation.url', []],
  [/^must not contain spaces$/, 'validation.noSpaces', []],
  [/domain name/, 'validation.domains', []],
  [/^must be someone else/, 'validation.ownComment', []],
  [/^must be a visible/, 'validation.commentGone', []],
];

export function translateFieldMessage(message: string, t: Translate): string {
  for (const [pattern, key, names] of FIELD_PATTERNS) {
    const match = pattern.exec(message);
    if (match) {
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = match[index + 1] ?? '';
      });
      return t(key, params);
    }
  }
  return t('validation.invalid');
}

/**
 * Field problems are explained beside their fields and the form only says to look there, so no
 * sentence appears twice. A problem about one field with a key of its own (a taken nickname, a
 * wrong current password) puts that key's message beside the field.
 */
export function describeError(error: unknown, t: Translate): Described {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
    return { fields: {}, message: error ? errorMessage(error, t) : null };
  }
  const byField = new Map<string, Set<string>>();
  for (const { field, message } of error.fieldErrors) {
    const texts = byField.get(field) ?? new Set<string>();
    texts.add(translateFieldMessage(message, t));
    byField.set(field, texts);
  }
  const ownKey = `problem.${error.key}`;
  const specific = error.key !== 'REQUEST.VALIDATION_FAILED' && byField.size === 1 && hasMessage(ownKey);
  const fields: Record<string, string> = {};
  for (const [field, texts] of byField) {
    fields[field] = specific ? t(ownKey as MessageKey) : [...texts].join(' ');
  }
  return { fields, message: t('error.checkFields') };
}
