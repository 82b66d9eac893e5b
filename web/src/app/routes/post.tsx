import { lazy, Suspense } from 'react';
import { Link, useLoaderData, useRevalidator } from 'react-router';
import { InsiderPrompt } from '../../components/insider-prompt';
import { useDocumentTitle } from '../../components/page';
import { RichText } from '../../components/rich-text';
import { paths } from '../../config/paths';
import { Comments } from '../../features/board/components/comments';
import { formatDate, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useUser } from '../../lib/use-session';
import type { postLoader } from '../data/post';

// Visitors only read: the member buttons (and their code) load for members.
const PostActions = lazy(() => import('../../features/board/components/post-actions'));

export function Component() {
  const { t, locale } = useI18n();
  const user = useUser();
  const revalidator = useRevalidator();
  const { board, post, comments } = useLoaderData<typeof postLoader>();
  useDocumentTitle(post.title);
  const likes = <p className="muted">{t('board.likes', { count: formatNumber(post.likeCount, locale) })}</p>;

  return (
    <>
      <article className="post" aria-labelledby="post-title">
        <p className="breadcrumb">
          <Link to={paths.board.href(board)}>{t(`board.${board}`)}</Link>
        </p>
        <h1 id="post-title">
          {board === 'qna' && post.answered ? <span className="tag tag-success">{t('board.answered')}</span> : null}
          {post.title}
        </h1>
        <p className="meta">
          <strong>{post.author.nickname}</strong>
          <time dateTime={post.createdAt}>{formatDate(post.createdAt, locale)}</time>
          {post.updatedAt !== post.createdAt ? <span>{t('board.edited')}</span> : null}
          <span className="count count-views">{t('board.views', { count: formatNumber(post.viewCount, locale) })}</span>
        </p>
        <div className="post-body">
          <RichText text={post.body} />
        </div>
        {user ? (
          <Suspense fallback={likes}>
            <PostActions board={board} post={post} />
          </Suspense>
        ) : (
          <>
            {likes}
            <InsiderPrompt message={t('prompt.like')} />
          </>
        )}
      </article>
      <Comments
        postId={post.id}
        first={comments}
        canAccept={board === 'qna' && post.isMine === true && !post.acceptedCommentId}
        onAccepted={() => void revalidator.revalidate()}
        answers={board === 'qna'}
      />
    </>
  );
}
