import { JOB_CATEGORIES, type JobCategory, RATING_MAX, RATING_MIN } from '@carebridge/contracts';
import type { LoaderFunctionArgs } from 'react-router';
import { getHospital, getMyReview, listReviews } from '../../features/hospitals/api/hospitals';
import { REVIEW_SORT_ORDER, type ReviewQuery } from '../../features/hospitals/review-query';
import { session } from '../../lib/session';
import { orNotFound, pick, settle } from './shared';

/** The review list the URL asks for; a value the page does not offer (an old or edited link) is left out. */
function reviewQuery(search: URLSearchParams): ReviewQuery {
  const query: ReviewQuery = { sort: pick(search.get('sort'), REVIEW_SORT_ORDER, 'latest') };
  const jobCategory = search.get('jobCategory') as JobCategory;
  const overall = search.get('overall') ?? '';
  // The page offers verified-only; unverified reviews already come after the verified ones.
  if (search.get('tier') === 'verified') query.tier = 'verified';
  if (JOB_CATEGORIES.includes(jobCategory)) query.jobCategory = jobCategory;
  if (/^\d$/.test(overall) && +overall >= RATING_MIN && +overall <= RATING_MAX) query.overall = +overall;
  return query;
}

export async function hospitalLoader({ params, request }: LoaderFunctionArgs) {
  const id = params.hospitalId ?? '';
  const query = reviewQuery(new URL(request.url).searchParams);
  await session.ready;
  const insider = session.user?.hospitalId === id;
  const [hospital, reviews, mine] = await Promise.all([
    orNotFound(getHospital(id, request.signal)),
    orNotFound(listReviews(id, query, request.signal)),
    insider ? settle(getMyReview(id, request.signal)) : Promise.resolve(null),
  ]);
  return { hospital, reviews, query, sorts: REVIEW_SORT_ORDER, mine: mine?.ok ? mine.value : null };
}

export async function reviewLoader({ params, request }: LoaderFunctionArgs) {
  const id = params.hospitalId ?? '';
  await session.ready;
  const insider = session.user?.hospitalId === id;
  const [hospital, mine] = await Promise.all([
    orNotFound(getHospital(id, request.signal)),
    insider ? getMyReview(id, request.signal) : Promise.resolve(null),
  ]);
  return { hospital, mine };
}
