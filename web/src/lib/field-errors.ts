import { ApiError } from './api-client';
import type { Locale, MessageKey, Translate } from './i18n';
import { errorMessage } from './problems';

/** What the UI says about a failed request: one message per field, and one for the whole form. */
export interface Described {
  fields: Record<string, string>;
  message: string | null;
}

/**
 * The API's field messages are English sentences from its validators. In Korean the common ones
 * are translated; anything else is shown as the API wrote it.
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
  [/is already (taken|in use|registered)|is taken/, 'validation.taken', []],
  [/must be a whole number from (\d+) to (\d+)/, 'validation.rating', ['min', 'max']],
  [/^must be at least (\d+)$/, 'validation.min', ['min']],
];

export function translateFieldMessage(message: string, t: Translate, locale: Locale): string {
  if (locale !== 'ko') return message;
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
  return message;
}

export function describeError(error: unknown, t: Translate, locale: Locale): Described {
  const fields: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const { field, message } of error.fieldErrors) {
      const text = translateFieldMessage(message, t, locale);
      fields[field] = fields[field] ? `${fields[field]} ${text}` : text;
    }
    // A validation failure is fully explained beside the fields.
    if (error.fieldErrors.length > 0 && error.key === 'REQUEST.VALIDATION_FAILED') {
      return { fields, message: t('error.checkFields') };
    }
  }
  return { fields, message: error ? errorMessage(error, t) : null };
}
