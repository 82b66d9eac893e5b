import { Fragment, lazy, Suspense } from 'react';
import { Link, useLoaderData } from 'react-router';
import { InsiderPrompt } from '../../components/insider-prompt';
import { LoadMore, usePaged } from '../../components/load-more';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { listReviews } from '../../features/hospitals/api/hospitals';
import { RatingSummary } from '../../features/hospitals/components/rating-summary';
import { ReviewItem } from '../../features/hospitals/components/review-item';
import { formatNumber } from '../../lib/format';
import { loadParts, useI18n } from '../../lib/i18n';
import { useUser } from '../../lib/use-session';
import type { hospitalLoader } from '../data/hospital';

/*
 * The filter bar and its text (in the hospital list's part, which holds the other filters) come
 * apart from the page, keeping its first download within budget.
 * They start loading with this module, beside the page's data, so they are there when it shows.
 */
const loadFilterBar = () =>
  Promise.all([import('../../features/hospitals/components/review-filters'), loadParts(['hospitals'])]).then(
    ([module]) => module,
  );
const early = loadFilterBar();
// A failed early load (the network dropped) is tried again when the bar is first shown.
const ReviewFilterBar = lazy(() => early.catch(loadFilterBar));

// Members get their review button (or why not) from a module of its own; visitors never load it.
const MemberReviewAccess = lazy(() => import('../../features/hospitals/components/member-review-access'));

function ReviewAccess({ hospitalId, hasReview }: { hospitalId: string; hasReview: boolean }) {
  const { t } = useI18n();
  const user = useUser();
  if (!user) return <InsiderPrompt message={t('prompt.review')} />;
  return (
    <Suspense fallback={null}>
      <MemberReviewAccess hospitalId={hospitalId} hasReview={hasReview} />
    </Suspense>
  );
}

export function Component() {
  const { t, locale } = useI18n();
  const { hospital, reviews, query, sorts, mine } = useLoaderData<typeof hospitalLoader>();
  const paged = usePaged(reviews, (cursor) => listReviews(hospital.id, { ...query, cursor }));
  const filtered = query.tier !== undefined || query.jobCategory !== undefined || query.overall !== undefined;
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
        </div>
        <ReviewAccess hospitalId={hospital.id} hasReview={mine !== null} />
        {paged.items.length > 0 || filtered ? (
          <Suspense fallback={<div className="review-filters-pending" />}>
            <ReviewFilterBar query={query} sorts={sorts} empty={paged.items.length === 0} />
          </Suspense>
        ) : (
          <p className="empty">{t('review.empty')}</p>
        )}
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
