// What members change on hospital pages: loaded with the forms and buttons that do it, not the first page.
import {
  type CreateReviewRequest,
  type HelpfulState,
  HOSPITAL_API,
  type ReportReceipt,
  type ReportRequest,
  type ReviewView,
  type UpdateReviewRequest,
} from '@carebridge/contracts';
import { api } from '../../../lib/api-client';

export function createReview(hospitalId: string, review: CreateReviewRequest): Promise<ReviewView> {
  return api<ReviewView>(HOSPITAL_API.reviews(hospitalId), { method: 'POST', body: review });
}

export function updateReview(hospitalId: string, reviewId: string, change: UpdateReviewRequest): Promise<ReviewView> {
  return api<ReviewView>(`${HOSPITAL_API.reviews(hospitalId)}/${reviewId}`, { method: 'PATCH', body: change });
}

export function setHelpful(hospitalId: string, reviewId: string, helpful: boolean): Promise<HelpfulState> {
  return api<HelpfulState>(`${HOSPITAL_API.reviews(hospitalId)}/${reviewId}/helpful`, {
    method: helpful ? 'PUT' : 'DELETE',
  });
}

export function reportReview(hospitalId: string, reviewId: string, report: ReportRequest): Promise<ReportReceipt> {
  return api<ReportReceipt>(`${HOSPITAL_API.reviews(hospitalId)}/${reviewId}/reports`, {
    method: 'POST',
    body: report,
  });
}
