import { REVIEW_SORTS, type ReviewSort } from '@carebridge/contracts';
import type { LoaderFunctionArgs } from 'react-router';
import { getHospital, getMyReview, listReviews } from '../../features/hospitals/api/hospitals';
import { session } from '../../lib/session';
import { orNotFound, pick, settle } from './shared';

export async function hospitalLoader({ params, request }: LoaderFunctionArgs) {
  const id = params.hospitalId ?? '';
  const sort: ReviewSort = pick(new URL(request.url).searchParams.get('sort'), REVIEW_SORTS, 'latest');
  await session.ready;
  const insider = session.user?.hospitalId === id;
  const [hospital, reviews, mine] = await Promise.all([
    orNotFound(getHospital(id, request.signal)),
    orNotFound(listReviews(id, { sort }, request.signal)),
    insider ? settle(getMyReview(id, request.signal)) : Promise.resolve(null),
  ]);
  return { hospital, reviews, sort, mine: mine?.ok ? mine.value : null };
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
