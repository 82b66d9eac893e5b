import { Link, useLocation } from 'react-router';
import { paths } from '../config/paths';
import { useT } from '../lib/i18n';

/** Shown to visitors where a member would find a write button. */
export function InsiderPrompt({ message }: { message?: string }) {
  const t = useT();
  const location = useLocation();
  return (
    <aside className="insider-prompt" aria-label={t('prompt.label')}>
      <p>{message ?? t('prompt.text')}</p>
      <p className="actions">
        <Link className="button button-primary" to={paths.signup.href()}>
          {t('prompt.signup')}
        </Link>
        <Link className="button" to={paths.login.href(location.pathname + location.search)}>
          {t('prompt.login')}
        </Link>
      </p>
    </aside>
  );
}
