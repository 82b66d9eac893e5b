import type { LoaderFunctionArgs } from 'react-router';
import { getHospital, getMyReview, listReviews } from '../../features/hospitals/api/hospitals';
import { REVIEW_SORT_ORDER, readReviewQuery } from '../../features/hospitals/review-query';
import { session } from '../../lib/session';
import { orNotFound, settle } from './shared';

export async function hospitalLoader({ params, request }: LoaderFunctionArgs) {
  const id = params.hospitalId ?? '';
  const query = readReviewQuery(new URL(request.url).searchParams);
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
