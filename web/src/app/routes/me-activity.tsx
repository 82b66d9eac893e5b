import type { MyComment, MyReview, NotificationItem, Page, PostSummary } from '@carebridge/contracts';
import { Link } from 'react-router';
import { LoadMore, usePaged } from '../../components/load-more';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { NotificationRows } from '../../features/board/components/notification-list';
import { PostList } from '../../features/board/components/post-list';
import { formatDay, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { formatRelative } from '../../lib/relative-time';
import { ACTIVITY_TABS, type ActivityItems, type ActivityTab, fetchActivity } from '../data/activity';

function CommentRows({ comments }: { comments: MyComment[] }) {
  const { t, locale } = useI18n();
  const now = new Date();
  return (
    <ul className="post-list rows activity-list">
      {comments.map((c) => (
        <li key={c.id} className="post-item">
          <h2 className="post-title">
            <Link to={paths.post.href(c.board, c.postId)}>{c.body}</Link>
          </h2>
          <p className="meta">
            <span className="tag">{t(`board.${c.board}`)}</span>
            <span className="activity-context">{t('activity.onPost', { title: c.postTitle })}</span>
            <time dateTime={c.createdAt}>{formatRelative(c.createdAt, locale, now)}</time>
            <span className="count count-likes">{t('board.likes', { count: formatNumber(c.likeCount, locale) })}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

function ReviewRows({ reviews }: { reviews: MyReview[] }) {
  const { t, locale } = useI18n();
  return (
    <ul className="post-list rows activity-list">
      {reviews.map((r) => (
        <li key={r.id} className="post-item">
          <h2 className="post-title">
            {r.hidden ? <span className="tag tag-warning">{t('activity.hidden')}</span> : null}
            <Link to={paths.hospital.href(r.hospitalId)}>{r.title}</Link>
          </h2>
          <p className="meta">
            <span className="author">{r.hospitalName}</span>
            <span>{t('activity.overall', { score: r.ratings.overall })}</span>
            <time dateTime={r.createdAt}>{formatDay(r.createdAt, locale)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** One tab's list; keyed by the tab, so a new tab never renders the last one's items. */
function ActivityList({ tab, first }: { tab: ActivityTab; first: Page<ActivityItems[ActivityTab]> }) {
  const { t } = useI18n();
  const paged = usePaged(first, (cursor) => fetchActivity[tab](cursor), tab);
  return (
    <>
      {paged.items.length === 0 ? (
        <p className="empty">{t(`activity.empty.${tab}`)}</p>
      ) : tab === 'notifications' ? (
        <NotificationRows items={paged.items as NotificationItem[]} />
      ) : tab === 'comments' ? (
        <CommentRows comments={paged.items as MyComment[]} />
      ) : tab === 'reviews' ? (
        <ReviewRows reviews={paged.items as MyReview[]} />
      ) : (
        <PostList posts={paged.items as PostSummary[]} showBoard heading="h2" />
      )}
      <LoadMore hasMore={paged.hasMore} loading={paged.loading} error={paged.error} onMore={() => void paged.more()} />
    </>
  );
}

/** The tabs of the member's own page: their account, then each list of their activity. */
export function MeTabs({ current }: { current: ActivityTab | null }) {
  const { t } = useI18n();
  const tabs: [ActivityTab | null, string][] = [
    [null, t('me.title')],
    ...ACTIVITY_TABS.map((name): [ActivityTab, string] => [name, t(`activity.${name}`)]),
  ];
  return (
    <nav className="tabs me-tabs" aria-label={t('activity.tabs')}>
      {tabs.map(([name, label]) => (
        <Link
          key={name ?? 'account'}
          to={paths.me.href(name ?? undefined)}
          className={name === current ? 'active' : undefined}
          aria-current={name === current ? 'page' : undefined}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}

/** 내 활동: one list of the member's notifications, own posts, comments, reviews or bookmarks, paged. */
export function Activity({ tab, first }: { tab: ActivityTab; first: Page<ActivityItems[ActivityTab]> }) {
  const { t } = useI18n();
  const notifications = tab === 'notifications';
  return (
    <>
      <PageHeader
        title={t(notifications ? 'notifications.title' : 'activity.title')}
        lead={t(notifications ? 'notifications.lead' : 'activity.lead')}
      />
      <MeTabs current={tab} />
      <ActivityList key={tab} tab={tab} first={first} />
    </>
  );
}
