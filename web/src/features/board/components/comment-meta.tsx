import type { CommentView } from '@carebridge/contracts';
import { formatDate, formatNumber } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

/** A comment's byline: 답변 on Q&A, who, when, edited, accepted, and (for readers) its likes. */
export function CommentMeta({
  comment,
  answer,
  likes,
}: {
  comment: CommentView;
  answer: boolean;
  /** Readers see the count here; members see it on the like button. */
  likes: boolean;
}) {
  const { t, locale } = useI18n();
  return (
    <p className="meta">
      {answer ? <span className="tag tag-answer">{t('comment.answer')}</span> : null}
      <strong>{comment.author?.nickname}</strong>
      <time dateTime={comment.createdAt}>{formatDate(comment.createdAt, locale)}</time>
      {comment.updatedAt !== comment.createdAt ? <span className="muted">{t('board.edited')}</span> : null}
      {comment.accepted ? <span className="tag tag-success">{t('comment.accepted')}</span> : null}
      {likes && comment.likeCount > 0 ? (
        <span className="count count-likes">
          {t('board.likes', { count: formatNumber(comment.likeCount, locale) })}
        </span>
      ) : null}
    </p>
  );
}
