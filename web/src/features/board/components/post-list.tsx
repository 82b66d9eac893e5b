import type { PostSummary } from '@carebridge/contracts';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { formatDate, formatNumber } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

export function PostList({
  posts,
  showBoard = false,
  compact = false,
  heading: Heading = 'h3',
}: {
  posts: PostSummary[];
  showBoard?: boolean;
  compact?: boolean;
  /** The level of each post's title: one below the heading above the list. */
  heading?: 'h2' | 'h3';
}) {
  const { t, locale } = useI18n();
  if (posts.length === 0) return <p className="empty">{t('board.empty')}</p>;
  return (
    <ul className={compact ? 'post-list compact' : 'post-list'}>
      {posts.map((post) => (
        <li key={post.id} className="post-item">
          <Heading className="post-title">
            <Link to={paths.post(post.board, post.id)}>
              {showBoard ? <span className="tag">{t(`board.${post.board}`)}</span> : null}
              {post.board === 'qna' && post.answered ? (
                <span className="tag tag-success">{t('board.answered')}</span>
              ) : null}
              {post.title}
            </Link>
          </Heading>
          {compact ? null : <p className="excerpt">{post.excerpt}</p>}
          <p className="meta">
            <span>{post.author.nickname}</span>
            <time dateTime={post.createdAt}>{formatDate(post.createdAt, locale)}</time>
            <span>{t('board.likes', { count: formatNumber(post.likeCount, locale) })}</span>
            <span>{t('board.comments', { count: formatNumber(post.commentCount, locale) })}</span>
            {compact ? null : <span>{t('board.views', { count: formatNumber(post.viewCount, locale) })}</span>}
          </p>
        </li>
      ))}
    </ul>
  );
}
