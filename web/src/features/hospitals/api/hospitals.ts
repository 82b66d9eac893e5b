import {
  HOSPITAL_API,
  type HospitalDetail,
  type HospitalSort,
  type HospitalSummary,
  type Page,
  type RegionsResponse,
  type ReviewListQuery,
  type ReviewView,
  type TypesResponse,
} from '@carebridge/contracts';
import { ApiError, api } from '../../../lib/api-client';

export interface HospitalQuery {
  q?: string;
  region?: string;
  district?: string;
  type?: string;
  department?: string;
  sort?: HospitalSort;
  limit?: number;
  cursor?: string | null;
}

export function listHospitals(query: HospitalQuery, signal?: AbortSignal): Promise<Page<HospitalSummary>> {
  return api<Page<HospitalSummary>>(HOSPITAL_API.hospitals, { query: { ...query }, signal });
}

export function getRegions(signal?: AbortSignal): Promise<RegionsResponse> {
  return api<RegionsResponse>(HOSPITAL_API.regions, { signal });
}

export function getTypes(signal?: AbortSignal): Promise<TypesResponse> {
  return api<TypesResponse>(HOSPITAL_API.types, { signal });
}

export function getHospital(id: string, signal?: AbortSignal): Promise<HospitalDetail> {
  return api<HospitalDetail>(HOSPITAL_API.hospital(id), { signal });
}

export function listReviews(
  hospitalId: string,
  query: ReviewListQuery,
  signal?: AbortSignal,
): Promise<Page<ReviewView>> {
  return api<Page<ReviewView>>(HOSPITAL_API.reviews(hospitalId), { query: { ...query }, signal });
}

/** The caller's own review of the hospital, or null when they have not written one. */
export async function getMyReview(hospitalId: string, signal?: AbortSignal): Promise<ReviewView | null> {
  try {
    return await api<ReviewView>(`${HOSPITAL_API.reviews(hospitalId)}/mine`, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.key !== 'HOSPITAL.NOT_FOUND') return null;
    throw error;
  }
}
