import { RATING_CATEGORIES, type ReviewView } from '@carebridge/contracts';
import { lazy, Suspense } from 'react';
import { formatDay, formatNumber } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useUser } from '../../../lib/use-session';

// Visitors only read: the buttons (and their code) load for members.
const ReviewActions = lazy(() => import('./review-actions'));

export function ReviewItem({ review }: { review: ReviewView }) {
  const { t, locale } = useI18n();
  const user = useUser();
  const helpfulCount = (
    <p className="muted">{t('review.helpful', { count: formatNumber(review.helpfulCount, locale) })}</p>
  );
  const { author } = review;
  return (
    <li className="review">
      <h3 className="review-title">{review.title}</h3>
      <p className="meta">
        {/* Never a nickname: nothing may tie a review to its author's board posts. */}
        {review.tier === 'verified' ? (
          <span className="tag tag-success">{t('review.verified')}</span>
        ) : (
          <span className="tag">{t('review.unverified')}</span>
        )}
        {author.jobCategory ? <span>{t(`job.${author.jobCategory}`)}</span> : null}
        <time dateTime={review.createdAt}>{formatDay(review.createdAt, locale)}</time>
        {review.edited ? <span>{t('review.edited')}</span> : null}
      </p>
      <p className={review.recommend ? 'recommend-flag yes' : 'recommend-flag no'}>
        {review.recommend ? t('review.recommends') : t('review.notRecommends')}
      </p>
      <ul className="review-ratings" aria-label={t('review.ratings')}>
        {RATING_CATEGORIES.map((category) => (
          <li key={category}>
            {t(`rating.${category}`)} <strong>{review.ratings[category]}</strong>
          </li>
        ))}
      </ul>
      <p className="review-body">{review.body}</p>
      {user && !review.isMine ? (
        <Suspense fallback={helpfulCount}>
          <ReviewActions review={review} />
        </Suspense>
      ) : (
        helpfulCount
      )}
    </li>
  );
}
