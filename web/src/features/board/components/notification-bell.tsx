import { useEffect, useSyncExternalStore } from 'react';
import { Link, useLocation } from 'react-router';
import { paths } from '../../../config/paths';
import { formatNumber } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useUser } from '../../../lib/use-session';
import { unreadNotifications } from '../unread-notifications';

/** While the page is open and shown, the count is asked for again this often. */
const POLL_MS = 60_000;
/** Above this the badge says "99+", as Korean apps do. */
const BADGE_MAX = 99;

/** The header's bell: the member's unread notifications, kept fresh while they browse. */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const user = useUser();
  const { pathname } = useLocation();
  const count = useSyncExternalStore(unreadNotifications.subscribe, unreadNotifications.get);
  const userId = user?.id ?? null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page may have new notifications
  useEffect(() => {
    if (userId) void unreadNotifications.refresh();
  }, [userId, pathname]);

  useEffect(() => {
    if (!userId) return;
    const askWhenShown = () => {
      if (document.visibilityState === 'visible') void unreadNotifications.refresh();
    };
    const timer = setInterval(askWhenShown, POLL_MS);
    document.addEventListener('visibilitychange', askWhenShown);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', askWhenShown);
      unreadNotifications.reset();
    };
  }, [userId]);

  if (!userId) return null;
  const unread = count ?? 0;
  const label =
    unread > 0 ? t('notifications.bellUnread', { count: formatNumber(unread, locale) }) : t('notifications.bell');
  return (
    <Link
      to={paths.me.href('notifications')}
      className="button button-quiet icon-button bell"
      aria-label={label}
      title={label}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.4 15.5a2.5 2.5 0 0 0 4.8 0Z"
          fill="currentColor"
        />
      </svg>
      {unread > 0 ? (
        <span className="bell-badge" aria-hidden="true">
          {unread > BADGE_MAX ? `${BADGE_MAX}+` : formatNumber(unread, locale)}
        </span>
      ) : null}
    </Link>
  );
}
