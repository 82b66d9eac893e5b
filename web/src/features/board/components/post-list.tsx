import type { PostSummary } from '@carebridge/contracts';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { formatNumber } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { formatRelative } from '../../../lib/relative-time';

/**
 * Posts as Korean community boards list them: one dense row each, the title with its comment
 * count in brackets, then nickname, how long ago, views and likes.
 */
export function PostList({
  posts,
  showBoard = false,
  compact = false,
  excerpts = false,
  heading: Heading = 'h3',
}: {
  posts: PostSummary[];
  showBoard?: boolean;
  compact?: boolean;
  /** Show the opening of each post (search results). */
  excerpts?: boolean;
  /** The level of each post's title: one below the heading above the list. */
  heading?: 'h2' | 'h3';
}) {
  const { t, locale } = useI18n();
  if (posts.length === 0) return <p className="empty">{t('board.empty')}</p>;
  const now = new Date();
  return (
    <ul className={compact ? 'post-list compact' : excerpts ? 'post-list' : 'post-list rows'}>
      {posts.map((post) => (
        <li key={post.id} className="post-item">
          <Heading className="post-title">
            {showBoard ? <span className="tag">{t(`board.${post.board}`)}</span> : null}
            {post.board === 'qna' ? (
              post.answered ? (
                <span className="tag tag-success">{t('board.answered')}</span>
              ) : (
                <span className="tag tag-open">{t('board.unanswered')}</span>
              )
            ) : null}
            <Link to={paths.post.href(post.board, post.id)}>{post.title}</Link>
            {post.commentCount > 0 ? (
              <span className="comment-count" title={t('board.comments', { count: post.commentCount })}>
                [{formatNumber(post.commentCount, locale)}]
              </span>
            ) : null}
          </Heading>
          {excerpts ? <p className="excerpt">{post.excerpt}</p> : null}
          <p className="meta">
            <span className="author">{post.author.nickname}</span>
            <time dateTime={post.createdAt}>{formatRelative(post.createdAt, locale, now)}</time>
            {compact ? null : (
              <span className="count count-views">
                {t('board.views', { count: formatNumber(post.viewCount, locale) })}
              </span>
            )}
            <span className="count count-likes">
              {t('board.likes', { count: formatNumber(post.likeCount, locale) })}
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}
