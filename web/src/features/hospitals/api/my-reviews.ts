import { HOSPITAL_ME_API, type MyReview, type Page } from '@carebridge/contracts';
import { api } from '../../../lib/api-client';

/** The signed-in member's own reviews, newest first. */
export function listMyReviews(cursor?: string | null, signal?: AbortSignal): Promise<Page<MyReview>> {
  return api<Page<MyReview>>(HOSPITAL_ME_API.reviews, { query: { cursor }, signal });
}
