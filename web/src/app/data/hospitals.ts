import { HOSPITAL_SORTS, type HospitalSort } from '@carebridge/contracts';
import type { LoaderFunctionArgs } from 'react-router';
import { getRegions, getTypes, listHospitals } from '../../features/hospitals/api/hospitals';
import { pick, settle } from './shared';

export async function hospitalsLoader({ request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const filters = {
    q: search.get('q')?.trim().slice(0, 50) ?? '',
    region: search.get('region') ?? '',
    district: search.get('district') ?? '',
    type: search.get('type') ?? '',
    department: search.get('department')?.trim() ?? '',
    sort: pick<HospitalSort>(search.get('sort'), HOSPITAL_SORTS, 'name'),
  };
  const [page, regions, types] = await Promise.all([
    listHospitals(filters, request.signal),
    settle(getRegions(request.signal)),
    settle(getTypes(request.signal)),
  ]);
  return { filters, page, regions, types };
}
