import { lazy, Suspense } from 'react';
import { GetForm } from '../components/get-form';
import { paths } from '../config/paths';
import { useI18n } from '../lib/i18n';
import { useTheme } from '../lib/theme';
import { useUser } from '../lib/use-session';

// Only members have notifications: visitors never download the bell.
const NotificationBell = lazy(() =>
  import('../features/board/components/notification-bell').then((m) => ({ default: m.NotificationBell })),
);

/** Dark or light, following the system until the reader chooses. */
function ThemeSwitch() {
  const { t } = useI18n();
  const { theme, toggle } = useTheme();
  return (
    <button
      type="button"
      className="button button-quiet icon-button"
      aria-pressed={theme === 'dark'}
      aria-label={t('theme.dark')}
      title={t('theme.dark')}
      onClick={toggle}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z" fill="currentColor" />
      </svg>
    </button>
  );
}

/** Search from every page; on a phone only the button shows, and opens the search page. */
function HeaderSearch() {
  const { t } = useI18n();
  return (
    <GetForm role="search" action={paths.search.href()} className="header-search">
      <label htmlFor="header-q" className="visually-hidden">
        {t('search.site')}
      </label>
      <input id="header-q" name="q" type="search" maxLength={100} placeholder={t('search.site')} />
      <button type="submit" className="button button-quiet icon-button" aria-label={t('search.siteSubmit')}>
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
          <path d="m15.5 15.5 5 5" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
        </svg>
      </button>
    </GetForm>
  );
}

/** The header's search, a member's notification bell and the theme switch, loaded after the frame. */
export default function HeaderTools() {
  const user = useUser();
  return (
    <>
      <HeaderSearch />
      {user ? (
        <Suspense fallback={<span className="button button-quiet icon-button" aria-hidden="true" />}>
          <NotificationBell />
        </Suspense>
      ) : null}
      <ThemeSwitch />
    </>
  );
}
