import { JOB_CATEGORIES, RATING_MAX, RATING_MIN, type ReviewSort } from '@carebridge/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../../lib/i18n';
// Types only: the reader stays in the loader's chunk, not in one shared with this.
import type { ReviewQuery } from '../review-query';

const SCORES = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => RATING_MAX - i);

/** The URL query of a list, without defaults, in one order (one list, one URL). */
export function reviewSearch(query: ReviewQuery): string {
  const search = new URLSearchParams();
  if (query.sort !== 'latest') search.set('sort', query.sort);
  if (query.tier) search.set('tier', query.tier);
  if (query.jobCategory) search.set('jobCategory', query.jobCategory);
  if (query.overall !== undefined) search.set('overall', String(query.overall));
  return search.toString();
}

/**
 * Job category, score, verified-only and sort of a hospital's reviews, and what to do when no
 * review matches. Each change is a new history entry of the URL query, which the page's loader
 * reads. Loaded on its own, with the `hospitals` catalogue part (see the page).
 */
export default function ReviewFilterBar({
  query,
  sorts,
  empty,
}: {
  query: ReviewQuery;
  /** The sorts offered, in order (REVIEW_SORT_ORDER, passed by the page). */
  sorts: readonly ReviewSort[];
  empty: boolean;
}) {
  const { t } = useI18n();
  const [, setSearch] = useSearchParams();
  // Shows a change at once, while the list for it loads; the loaded query (Back, a link) wins.
  const [shown, setShown] = useState(query);
  // The searches this bar asked for whose lists have not been shown yet, oldest first. A list it
  // asked for before its latest change can render after that change was made (the router renders
  // in a transition): showing it would undo the newer choice, and the next change would drop it.
  const asked = useRef<string[]>([]);
  useEffect(() => {
    const at = asked.current.indexOf(reviewSearch(query));
    const overtaken = at !== -1 && at < asked.current.length - 1;
    asked.current = overtaken ? asked.current.slice(at + 1) : [];
    if (!overtaken) setShown(query);
  }, [query]);
  const change = (next: Partial<ReviewQuery>) => {
    const wanted = { ...shown, ...next };
    const search = reviewSearch(wanted);
    asked.current.push(search);
    setShown(wanted);
    setSearch(search, { preventScrollReset: true });
  };
  return (
    <>
      <fieldset className="filters review-filters">
        <legend className="visually-hidden">{t('review.filters')}</legend>
        <div className="field">
          <label htmlFor="review-job">{t('review.filter.job')}</label>
          <select
            id="review-job"
            value={shown.jobCategory ?? ''}
            onChange={(e) => change({ jobCategory: (e.target.value || undefined) as ReviewQuery['jobCategory'] })}
          >
            <option value="">{t('review.filter.all')}</option>
            {JOB_CATEGORIES.map((job) => (
              <option key={job} value={job}>
                {t(`job.${job}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="review-score">{t('review.filter.score')}</label>
          <select
            id="review-score"
            value={shown.overall === undefined ? '' : String(shown.overall)}
            onChange={(e) => change({ overall: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t('review.filter.all')}</option>
            {SCORES.map((score) => (
              <option key={score} value={score}>
                {t('review.filter.scoreValue', { count: score })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="review-sort">{t('review.sort')}</label>
          <select id="review-sort" value={shown.sort} onChange={(e) => change({ sort: e.target.value as ReviewSort })}>
            {sorts.map((sort) => (
              <option key={sort} value={sort}>
                {t(`review.sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input
            id="review-verified"
            type="checkbox"
            checked={shown.tier === 'verified'}
            onChange={(e) => change({ tier: e.target.checked ? 'verified' : undefined })}
          />
          <label htmlFor="review-verified">{t('review.filter.verified')}</label>
        </div>
      </fieldset>
      {empty ? (
        <p className="empty" role="status">
          {t('review.filter.none')}{' '}
          <Link to={{ search: reviewSearch({ sort: query.sort }) }} preventScrollReset>
            {t('review.filter.clear')}
          </Link>
        </p>
      ) : null}
    </>
  );
}
