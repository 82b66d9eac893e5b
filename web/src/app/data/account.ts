import type { LoaderFunctionArgs } from 'react-router';
import { getMyAffiliation } from '../../features/auth/api/auth';
import { getHospital } from '../../features/hospitals/api/hospitals';
import { settle, signedIn } from './shared';

export async function meLoader({ request }: LoaderFunctionArgs) {
  const user = await signedIn(request);
  const unverified = user.hospitalId !== null && !user.insiderVerified && user.emailVerified;
  const [workplace, affiliation] = await Promise.all([
    user.hospitalId ? settle(getHospital(user.hospitalId, request.signal)) : null,
    unverified ? settle(getMyAffiliation(request.signal)) : null,
  ]);
  return {
    workplaceName: workplace?.ok ? workplace.value.name : null,
    affiliation: affiliation?.ok ? affiliation.value.request : null,
  };
}

export async function verifyEmailLoader({ request }: LoaderFunctionArgs) {
  await signedIn(request);
  return null;
}
