import type { LoaderFunctionArgs } from 'react-router';
import { getHospital } from '../../features/hospitals/api/hospitals';
import { settle, signedIn } from './shared';

export async function meLoader({ request }: LoaderFunctionArgs) {
  const user = await signedIn(request);
  const workplace = user.hospitalId ? await settle(getHospital(user.hospitalId, request.signal)) : null;
  return { workplaceName: workplace?.ok ? workplace.value.name : null };
}

export async function verifyEmailLoader({ request }: LoaderFunctionArgs) {
  await signedIn(request);
  return null;
}
