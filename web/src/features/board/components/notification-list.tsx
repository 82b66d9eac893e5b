import type { NotificationItem } from '@carebridge/contracts';
import { useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';
import { formatRelative } from '../../../lib/relative-time';
import { unreadNotifications } from '../unread-notifications';

/**
 * The member's notifications, unread ones marked. Opening one marks it read; "mark all read" clears
 * the bell. Who commented is never shown here: the post itself shows the nickname, as it does to all.
 */
export function NotificationRows({ items }: { items: NotificationItem[] }) {
  const { t, locale } = useI18n();
  useSyncExternalStore(unreadNotifications.subscribe, unreadNotifications.getVersion);
  const isRead = (item: NotificationItem) => unreadNotifications.isRead(item);
  const anyUnread = items.some((item) => !isRead(item));
  const now = new Date();

  const open = (item: NotificationItem) => {
    if (!isRead(item)) unreadNotifications.markRead([item.id]).catch(() => {});
  };
  const readAll = () => {
    unreadNotifications.markRead().catch(() => {});
  };

  return (
    <>
      <div className="list-toolbar">
        <button type="button" className="button button-quiet" disabled={!anyUnread} onClick={readAll}>
          {t('notifications.readAll')}
        </button>
      </div>
      <ul className="post-list rows activity-list notification-list">
        {items.map((item) => (
          <li key={item.id} className={isRead(item) ? 'post-item' : 'post-item notification-unread'}>
            <h2 className="post-title">
              {isRead(item) ? null : (
                <span className="unread-dot">
                  <span className="visually-hidden">{t('notifications.unread')}</span>
                </span>
              )}
              <Link to={paths.post.href(item.board, item.postId)} onClick={() => open(item)}>
                {t(`notifications.kind.${item.kind}`)}
              </Link>
            </h2>
            <p className="meta">
              <span className="tag">{t(`board.${item.board}`)}</span>
              <span className="activity-context">{t('notifications.onPost', { title: item.postTitle })}</span>
              <time dateTime={item.createdAt}>{formatRelative(item.createdAt, locale, now)}</time>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
