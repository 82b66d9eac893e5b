import {
  type AdminAffiliationRequest,
  type AdminHospitalView,
  type AffiliationDecision,
  type AffiliationRequestView,
  type AffiliationStatus,
  AUTH_API,
  BOARD_API,
  HOSPITAL_API,
  type HospitalEmailDomains,
  type HospitalInput,
  type ModerationItem,
  type Page,
  type ReportAction,
  type ReportStatus,
} from '@carebridge/contracts';
import { api } from '../../../lib/api-client';

/** Where a moderation queue lives: the board's (posts, comments) or the hospital service's (reviews). */
export type QueueName = 'board' | 'hospital';

const queues: Record<QueueName, string> = {
  board: `${BOARD_API.prefix}/admin/reports`,
  hospital: HOSPITAL_API.adminReports,
};

export function listReports(
  queue: QueueName,
  status: ReportStatus,
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<Page<ModerationItem & { hospitalName?: string | null }>> {
  return api(queues[queue], { query: { status, cursor }, signal });
}

export function resolveReport(queue: QueueName, id: string, action: ReportAction): Promise<ModerationItem> {
  return api<ModerationItem>(`${queues[queue]}/${id}/resolve`, { method: 'POST', body: { action } });
}

export function getAdminHospital(id: string, signal?: AbortSignal): Promise<AdminHospitalView> {
  return api<AdminHospitalView>(`${HOSPITAL_API.adminHospitals}/${id}`, { signal });
}

export function updateHospital(id: string, change: Partial<HospitalInput>): Promise<AdminHospitalView> {
  return api<AdminHospitalView>(`${HOSPITAL_API.adminHospitals}/${id}`, { method: 'PATCH', body: change });
}

export function setEmailDomains(id: string, domains: string[]): Promise<HospitalEmailDomains> {
  return api<HospitalEmailDomains>(`${HOSPITAL_API.adminHospitals}/${id}/email-domains`, {
    method: 'PUT',
    body: { domains },
  });
}

export function verifyAffiliation(userId: string): Promise<unknown> {
  return api(`${AUTH_API.prefix}/admin/users/${encodeURIComponent(userId)}/affiliation/verify`, { method: 'POST' });
}

export function listAffiliationRequests(
  status: AffiliationStatus,
  cursor?: string | null,
  signal?: AbortSignal,
): Promise<Page<AdminAffiliationRequest>> {
  return api(AUTH_API.adminAffiliationRequests, { query: { status, cursor }, signal });
}

export function decideAffiliation(id: string, decision: AffiliationDecision): Promise<AffiliationRequestView> {
  return api<AffiliationRequestView>(`${AUTH_API.adminAffiliationRequests}/${id}/decision`, {
    method: 'POST',
    body: { decision },
  });
}
