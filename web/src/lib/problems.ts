import { ApiError } from './api-client';
import { hasMessage, type MessageKey, type Translate } from './i18n';

/**
 * A failure in the reader's language: the problem key's own message when the catalogue has it,
 * otherwise one chosen by status. The server's English `detail` is never shown.
 */
export function errorMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  if (error.status === 0) return t('error.network');
  if (error.key && hasMessage(`problem.${error.key}`)) return t(`problem.${error.key}` as MessageKey);
  if (error.status === 401) return t('error.signInRequired');
  if (error.status === 403) return t('error.notAllowed');
  if (error.status === 404) return t('error.notFoundShort');
  if (error.status === 429) return t('error.tooMany');
  if (error.status >= 500) return t('error.server');
  return t('error.generic');
}
