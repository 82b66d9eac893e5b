import { lazy, Suspense, useEffect, useRef } from 'react';
import {
  Link,
  NavLink,
  Outlet,
  useLocation,
  useNavigate,
  useNavigation,
  useNavigationType,
  useRevalidator,
} from 'react-router';
import { paths } from '../config/paths';
import { useI18n } from '../lib/i18n';
import { useUser } from '../lib/use-session';
import { useScrollMemory } from './scroll-memory';

function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'ko' ? 'en' : 'ko';
  return (
    <button type="button" className="button button-quiet lang" lang={next} onClick={() => setLocale(next)}>
      {t('lang.switch')}
    </button>
  );
}

// The search box and the theme switch load just after the frame (placeholders of the same size).
const HeaderTools = lazy(() => import('./header-tools'));

function Account() {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  if (!user) {
    // Back to this page after logging in, as the in-page prompt does (not back to the forms).
    const here = location.pathname + location.search;
    const next = [paths.login.href(), paths.signup.href()].includes(location.pathname) ? undefined : here;
    return (
      <>
        <Link className="button button-quiet" to={paths.login.href(next)}>
          {t('nav.login')}
        </Link>
        <Link className="button button-primary" to={paths.signup.href()}>
          {t('nav.signup')}
        </Link>
      </>
    );
  }
  return (
    <>
      <Link className="button button-quiet account-link" to={paths.me.href()}>
        {t('nav.me', { nickname: user.nickname })}
      </Link>
      <button
        type="button"
        className="button button-quiet"
        onClick={() =>
          // The account API loads with the pages that use it; signing out fetches it on demand.
          void import('../features/auth/api/auth')
            .then(({ logout }) => logout())
            .finally(() => navigate(paths.home.href()))
        }
      >
        {t('nav.logout')}
      </button>
    </>
  );
}

/** The frame of every page: skip link, header with navigation, main, footer. */
export function Layout() {
  const { t } = useI18n();
  const user = useUser();
  const navigation = useNavigation();
  const location = useLocation();
  const navigationType = useNavigationType();
  const revalidator = useRevalidator();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useScrollMemory();

  // Another tab logged in or out, or the session was renewed with another account: reload data
  // that depends on who is asking (likes, "mine", write buttons).
  const userKey = user?.id ?? null;
  const seenUser = useRef(userKey);
  useEffect(() => {
    if (seenUser.current !== userKey) {
      seenUser.current = userKey;
      void revalidator.revalidate();
    }
  }, [userKey, revalidator]);

  // After a client-side navigation to another page: start at its top, and move focus there so
  // screen readers start reading the new page. (Back and forward restore their own position.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every new path
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (navigationType !== 'POP') window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  const busy = navigation.state === 'loading';
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link to={paths.home.href()} className="brand">
            {t('app.name')}
          </Link>
          <div className="header-actions">
            <LanguageSwitch />
            <Account />
          </div>
        </div>
        <div className="nav-row">
          <nav aria-label={t('nav.label')} className="site-nav">
            <ul>
              <li>
                <NavLink to={paths.board.href('free')}>{t('board.free')}</NavLink>
              </li>
              <li>
                <NavLink to={paths.board.href('qna')}>{t('board.qna')}</NavLink>
              </li>
              <li>
                <NavLink to={paths.hospitals.href()} end={false}>
                  {t('nav.hospitals')}
                </NavLink>
              </li>
              {user?.role === 'admin' ? (
                <li>
                  <NavLink to={paths.admin.href()}>{t('nav.admin')}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <Suspense
            fallback={
              <div className="header-search" aria-hidden="true">
                <span className="button button-quiet icon-button" />
                <span className="button button-quiet icon-button" />
              </div>
            }
          >
            <HeaderTools />
          </Suspense>
        </div>
        <div className={busy ? 'progress progress-active' : 'progress'} aria-hidden="true" />
      </header>
      <main id="main" ref={main} tabIndex={-1} aria-busy={busy}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('footer.text')}</p>
      </footer>
    </>
  );
}

/** The first page's shape while it loads: a heading and rows, not a blank "loading". */
export function PageFallback() {
  const { t } = useI18n();
  return (
    <div className="skeleton" role="status" aria-busy="true">
      <span className="visually-hidden">{t('common.loading')}</span>
      <span className="bar bar-title" />
      {[1, 2, 3, 4, 5, 6, 7, 8].map((row) => (
        <span key={row} className="bar" />
      ))}
    </div>
  );
}
