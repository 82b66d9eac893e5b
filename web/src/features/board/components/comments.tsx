import type { CommentView, Page } from '@carebridge/contracts';
import { lazy, Suspense } from 'react';
import { InsiderPrompt } from '../../../components/insider-prompt';
import { LoadMore, usePaged } from '../../../components/load-more';
import { RichText } from '../../../components/rich-text';
import { useI18n } from '../../../lib/i18n';
import { useUser } from '../../../lib/use-session';
import { listComments } from '../api/posts';
import { CommentMeta } from './comment-meta';

// Members get the interactive list (forms, buttons); its code loads only for them.
const MemberComments = lazy(() => import('./member-comments'));

interface CommentsProps {
  postId: string;
  first: Page<CommentView>;
  /** The viewer wrote this Q&A post and has not accepted an answer yet. */
  canAccept: boolean;
  onAccepted: () => void;
  /** A Q&A post: its comments are answers (replies stay replies). */
  answers: boolean;
}

function ReadOnlyComment({
  comment,
  answer = false,
  children,
}: {
  comment: CommentView;
  answer?: boolean;
  children?: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <li className={comment.accepted ? 'comment comment-accepted' : 'comment'}>
      {comment.deleted ? (
        <p className="muted">{t('comment.deleted')}</p>
      ) : (
        <>
          <CommentMeta comment={comment} answer={answer} likes />
          <p className="comment-body">
            <RichText text={comment.body} />
          </p>
        </>
      )}
      {children}
    </li>
  );
}

/** What visitors see: the comments and replies, and an invitation to join. */
function ReadOnlyComments({ postId, first, answers }: CommentsProps) {
  const { t } = useI18n();
  const paged = usePaged(first, (cursor) => listComments(postId, cursor));
  return (
    <>
      {paged.items.length === 0 ? <p className="empty">{t('comment.empty')}</p> : null}
      <ol className="comment-list">
        {paged.items.map((comment) => (
          <ReadOnlyComment key={comment.id} comment={comment} answer={answers}>
            {comment.replies && comment.replies.length > 0 ? (
              <ol className="reply-list" aria-label={t('comment.replies')}>
                {comment.replies.map((reply) => (
                  <ReadOnlyComment key={reply.id} comment={reply} />
                ))}
              </ol>
            ) : null}
          </ReadOnlyComment>
        ))}
      </ol>
      <LoadMore hasMore={paged.hasMore} loading={paged.loading} error={paged.error} onMore={() => void paged.more()} />
    </>
  );
}

/** Comments with one level of replies; Q&A authors can accept one answer. */
export function Comments(props: CommentsProps) {
  const { t } = useI18n();
  const user = useUser();
  if (user) {
    return (
      <Suspense
        fallback={
          <section className="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{t(props.answers ? 'comment.answersTitle' : 'comment.title')}</h2>
            <ReadOnlyComments {...props} />
          </section>
        }
      >
        <MemberComments {...props} />
      </Suspense>
    );
  }
  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t(props.answers ? 'comment.answersTitle' : 'comment.title')}</h2>
      <ReadOnlyComments {...props} />
      <InsiderPrompt message={t('prompt.comment')} />
    </section>
  );
}
