import type { HospitalSummary } from '@carebridge/contracts';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { formatNumber, formatPercent } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

export function HospitalList({
  hospitals,
  compact = false,
  empty,
  heading: Heading = 'h3',
}: {
  hospitals: HospitalSummary[];
  compact?: boolean;
  empty?: string;
  /** The level of each hospital's name: one below the heading above the list. */
  heading?: 'h2' | 'h3';
}) {
  const { t, locale } = useI18n();
  if (hospitals.length === 0) return <p className="empty">{empty ?? t('hospitals.empty')}</p>;
  return (
    <ul className={compact ? 'hospital-list compact' : 'hospital-list'}>
      {hospitals.map((hospital) => {
        const { rating } = hospital;
        return (
          <li key={hospital.id} className="hospital-item">
            <Heading className="hospital-name">
              <Link to={paths.hospital.href(hospital.id)}>{hospital.name}</Link>
            </Heading>
            <p className="meta">
              <span className="tag">{hospital.type}</span>
              <span>{[hospital.region, hospital.district].filter(Boolean).join(' ')}</span>
            </p>
            <p className="meta rating-line">
              {rating.averages ? (
                <>
                  <span className="stars" aria-hidden="true">
                    ★
                  </span>
                  <span>{t('hospitals.average', { value: formatNumber(rating.averages.overall, locale, 1) })}</span>
                  <span>{t('hospitals.reviewCount', { count: formatNumber(rating.reviewCount, locale) })}</span>
                  {rating.recommendShare !== null && !compact ? (
                    <span>
                      {t('hospitals.recommendShort', { share: formatPercent(rating.recommendShare, locale) })}
                    </span>
                  ) : null}
                </>
              ) : (
                <span className="muted">{t('hospitals.noReviews')}</span>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
