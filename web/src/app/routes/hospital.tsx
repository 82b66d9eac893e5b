import { REVIEW_SORTS } from '@carebridge/contracts';
import { Fragment } from 'react';
import { Link, useLoaderData, useSearchParams } from 'react-router';
import { InsiderPrompt } from '../../components/insider-prompt';
import { LoadMore, usePaged } from '../../components/load-more';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { listReviews } from '../../features/hospitals/api/hospitals';
import { RatingSummary } from '../../features/hospitals/components/rating-summary';
import { ReviewItem } from '../../features/hospitals/components/review-item';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useUser } from '../../lib/use-session';
import type { hospitalLoader } from '../data/hospital';

function ReviewAccess({ hospitalId, hasReview }: { hospitalId: string; hasReview: boolean }) {
  const { t } = useI18n();
  const user = useUser();
  if (!user) return <InsiderPrompt message={t('prompt.review')} />;
  if (user.hospitalId !== hospitalId) {
    return (
      <p className="notice" data-testid="review-refusal">
        {user.hospitalId ? t('review.otherWorkplace') : t('review.noWorkplace')}{' '}
        <Link to={paths.me.href()}>{t('review.changeWorkplace')}</Link>
      </p>
    );
  }
  return (
    <p>
      <Link className="button button-primary" to={paths.review.href(hospitalId)}>
        {hasReview ? t('review.editMine') : t('review.write')}
      </Link>
    </p>
  );
}

export function Component() {
  const { t, locale } = useI18n();
  const { hospital, reviews, sort, mine } = useLoaderData<typeof hospitalLoader>();
  const [, setSearch] = useSearchParams();
  const paged = usePaged(reviews, (cursor) => listReviews(hospital.id, { sort, cursor }));
  const location = [hospital.region, hospital.district].filter(Boolean).join(' ');
  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.hospitals.href()}>{t('nav.hospitals')}</Link>
      </p>
      <PageHeader title={hospital.name} lead={`${hospital.type} · ${location}`} />
      <div className="hospital-layout">
        <section className="panel details" aria-labelledby="details-title">
          <h2 id="details-title">{t('hospital.details')}</h2>
          <dl className="detail-list">
            {hospital.address ? (
              <>
                <dt>{t('hospital.address')}</dt>
                <dd>
                  {hospital.address}
                  {hospital.postalCode ? ` (${hospital.postalCode})` : ''}{' '}
                  <a
                    href={`https://map.naver.com/p/search/${encodeURIComponent(hospital.address)}`}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    {t('hospital.map')}
                  </a>
                </dd>
              </>
            ) : null}
            {hospital.phone ? (
              <>
                <dt>{t('hospital.phone')}</dt>
                <dd>
                  <a href={`tel:${hospital.phone.replace(/[^0-9+]/g, '')}`}>{hospital.phone}</a>
                </dd>
              </>
            ) : null}
            {hospital.homepage ? (
              <>
                <dt>{t('hospital.homepage')}</dt>
                <dd>
                  <a href={hospital.homepage} rel="noopener noreferrer nofollow" target="_blank">
                    {hospital.homepage.replace(/^https?:\/\//, '')}
                  </a>
                </dd>
              </>
            ) : null}
            {hospital.doctorCount !== null ? (
              <>
                <dt>{t('hospital.doctors')}</dt>
                <dd>{formatNumber(hospital.doctorCount, locale)}</dd>
              </>
            ) : null}
            {hospital.departments.length > 0 ? (
              <>
                <dt>{t('hospital.departments')}</dt>
                <dd>
                  {/* Folded on phones, so the ratings stay near the top; open on wider screens. */}
                  <details
                    className="departments"
                    open={typeof matchMedia === 'function' && matchMedia('(min-width: 40rem)').matches}
                  >
                    <summary>{t('hospital.departmentCount', { count: hospital.departments.length })}</summary>
                    <ul className="chips">
                      {hospital.departments.map((department) => (
                        <li key={department}>{department}</li>
                      ))}
                    </ul>
                  </details>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <RatingSummary rating={hospital.rating} />
      </div>
      <section className="reviews" aria-labelledby="reviews-title">
        <div className="section-header">
          <h2 id="reviews-title">{t('review.title')}</h2>
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('review.sort')}</legend>
            {REVIEW_SORTS.map((value) => (
              <button
                key={value}
                type="button"
                className={value === sort ? 'button on' : 'button'}
                aria-pressed={value === sort}
                onClick={() => setSearch(value === 'latest' ? {} : { sort: value }, { preventScrollReset: true })}
              >
                {t(`review.sort.${value}`)}
              </button>
            ))}
          </fieldset>
        </div>
        <ReviewAccess hospitalId={hospital.id} hasReview={mine !== null} />
        {paged.items.length === 0 ? <p className="empty">{t('review.empty')}</p> : null}
        <ol className="review-list">
          {paged.items.map((review, i) => (
            <Fragment key={review.id}>
              {review.tier === 'unverified' && paged.items[i - 1]?.tier !== 'unverified' ? (
                <li className="review-divider muted">{t('review.unverifiedApart')}</li>
              ) : null}
              <ReviewItem review={review} />
            </Fragment>
          ))}
        </ol>
        <LoadMore
          hasMore={paged.hasMore}
          loading={paged.loading}
          error={paged.error}
          onMore={() => void paged.more()}
        />
      </section>
    </>
  );
}
