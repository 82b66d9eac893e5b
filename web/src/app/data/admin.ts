import { type ReportStatus } from '@carebridge/contracts';
import type { LoaderFunctionArgs } from 'react-router';
import { getAdminHospital, listAffiliationRequests, listReports } from '../../features/admin/api/admin';
import { listHospitals } from '../../features/hospitals/api/hospitals';
import { orNotFound, settle, signedIn } from './shared';

async function adminOnly(request: Request): Promise<boolean> {
  const user = await signedIn(request);
  return user.role === 'admin';
}

export async function adminReportsLoader({ request }: LoaderFunctionArgs) {
  if (!(await adminOnly(request))) return { allowed: false as const };
  const status: ReportStatus = new URL(request.url).searchParams.get('status') === 'resolved' ? 'resolved' : 'open';
  const [board, hospital] = await Promise.all([
    settle(listReports('board', status, null, request.signal)),
    settle(listReports('hospital', status, null, request.signal)),
  ]);
  return { allowed: true as const, status, board, hospital };
}

export async function adminHospitalsLoader({ request }: LoaderFunctionArgs) {
  if (!(await adminOnly(request))) return { allowed: false as const };
  const search = new URL(request.url).searchParams;
  const q = search.get('q')?.trim().slice(0, 50) ?? '';
  const id = search.get('id');
  const [results, selected] = await Promise.all([
    q ? listHospitals({ q, limit: 20 }, request.signal) : Promise.resolve(null),
    id ? orNotFound(getAdminHospital(id, request.signal)) : Promise.resolve(null),
  ]);
  return { allowed: true as const, q, results, selected };
}

export async function adminMembersLoader({ request }: LoaderFunctionArgs) {
  if (!(await adminOnly(request))) return { allowed: false as const };
  return { allowed: true as const, requests: await listAffiliationRequests('pending', null, request.signal) };
}
