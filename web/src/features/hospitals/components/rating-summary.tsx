import { RATING_CATEGORIES, RATING_MAX, RATING_MIN, type RatingSummary as Summary } from '@carebridge/contracts';
import { formatNumber, formatPercent } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

/** Each category's average as a bar, and the share of reviewers who recommend the hospital. */
export function RatingSummary({ rating }: { rating: Summary }) {
  const { t, locale } = useI18n();
  return (
    <section className="rating-summary" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('rating.title')}</h2>
      {rating.averages ? (
        <>
          <p className="rating-headline">
            <span className="big-number">{formatNumber(rating.averages.overall, locale, 1)}</span>
            <span className="muted"> / {RATING_MAX}</span>
            <span className="rating-count">
              {t('hospitals.reviewCount', { count: formatNumber(rating.reviewCount, locale) })}
            </span>
          </p>
          {rating.recommendShare !== null ? (
            <p
              className={rating.recommendShare >= 0.5 ? 'recommend recommend-good' : 'recommend recommend-poor'}
              data-testid="recommend-share"
            >
              {t('rating.recommend', {
                share: formatPercent(rating.recommendShare, locale),
                count: formatNumber(rating.recommendCount, locale),
              })}
            </p>
          ) : null}
          <dl className="rating-bars">
            {RATING_CATEGORIES.map((category) => {
              const value = rating.averages?.[category] ?? 0;
              const label = t(`rating.${category}`);
              return (
                <div key={category} className="rating-bar">
                  <dt id={`bar-${category}`}>{label}</dt>
                  <dd>
                    <meter
                      min={RATING_MIN - 1}
                      max={RATING_MAX}
                      value={value}
                      aria-labelledby={`bar-${category}`}
                      title={formatNumber(value, locale, 2)}
                    />
                    <span className="bar-value">{formatNumber(value, locale, 1)}</span>
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      ) : (
        <p className="empty">{t('rating.none')}</p>
      )}
    </section>
  );
}
