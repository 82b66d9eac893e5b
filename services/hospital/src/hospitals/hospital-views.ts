import type { AdminHospitalView, HospitalDetail, HospitalSummary, RatingSummary, Ratings } from '@carebridge/contracts';
import type { Hospital } from './hospital.entity.js';

/** An average of integer ratings, rounded to two decimals without floating-point drift. */
export function average(sum: number, count: number): number {
  return Math.round((sum * 100) / count) / 100;
}

export function ratingSummary(h: Hospital): RatingSummary {
  const n = h.reviewCount;
  const averages: Ratings | null =
    n === 0
      ? null
      : {
          overall: average(h.overallSum, n),
          care: average(h.careSum, n),
          honesty: average(h.honestySum, n),
          staff: average(h.staffSum, n),
          facilities: average(h.facilitiesSum, n),
          waiting: average(h.waitingSum, n),
        };
  return {
    reviewCount: n,
    averages,
    recommendCount: h.recommendCount,
    recommendShare: n === 0 ? null : Math.round((h.recommendCount * 1000) / n) / 1000,
  };
}

export function toHospitalSummary(h: Hospital): HospitalSummary {
  return {
    id: h.id,
    name: h.name,
    type: h.type,
    region: h.region,
    district: h.district,
    address: h.address,
    rating: ratingSummary(h),
  };
}

export function toHospitalDetail(h: Hospital, departments: string[]): HospitalDetail {
  return {
    ...toHospitalSummary(h),
    phone: h.phone,
    homepage: h.homepage,
    postalCode: h.postalCode,
    departments,
    doctorCount: h.doctorCount,
    coordinates: h.latitude !== null && h.longitude !== null ? { latitude: h.latitude, longitude: h.longitude } : null,
    updatedAt: h.updatedAt.toISOString(),
  };
}

export function toAdminHospitalView(h: Hospital, departments: string[], emailDomains: string[]): AdminHospitalView {
  return {
    ...toHospitalDetail(h, departments),
    agencyCode: h.agencyCode,
    emailDomains,
    createdAt: h.createdAt.toISOString(),
  };
}
