import type { LoaderFunctionArgs } from 'react-router';
import { getMyAffiliation } from '../../features/auth/api/auth';
import { getHospital } from '../../features/hospitals/api/hospitals';
import { activityPage, activityTab } from './activity';
import { settle, signedIn } from './shared';

/** The member's own page: their account, or with `?tab=` one list of their activity (내 활동). */
export async function meLoader({ request }: LoaderFunctionArgs) {
  const user = await signedIn(request);
  const tab = activityTab(new URL(request.url).searchParams.get('tab'));
  if (tab) return { activity: await activityPage(tab, request.signal), workplaceName: null, affiliation: null };
  const unverified = user.hospitalId !== null && !user.insiderVerified && user.emailVerified;
  const [workplace, affiliation] = await Promise.all([
    user.hospitalId ? settle(getHospital(user.hospitalId, request.signal)) : null,
    unverified ? settle(getMyAffiliation(request.signal)) : null,
  ]);
  return {
    activity: null,
    workplaceName: workplace?.ok ? workplace.value.name : null,
    affiliation: affiliation?.ok ? affiliation.value.request : null,
  };
}

export async function verifyEmailLoader({ request }: LoaderFunctionArgs) {
  await signedIn(request);
  return null;
}
