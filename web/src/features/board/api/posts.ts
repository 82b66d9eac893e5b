import {
  BOARD_API,
  type BoardName,
  type CommentView,
  type Page,
  type PostDetail,
  type PostPeriod,
  type PostSort,
  type PostSummary,
} from '@carebridge/contracts';
import { api } from '../../../lib/api-client';

export interface PostQuery {
  board?: BoardName;
  q?: string;
  sort?: PostSort;
  /** With sort=popular: the period's top list (no further pages). */
  period?: PostPeriod;
  /** Q&A only: false lists the questions without an accepted answer. */
  answered?: boolean;
  limit?: number;
  cursor?: string | null;
}

export function listPosts(query: PostQuery, signal?: AbortSignal): Promise<Page<PostSummary>> {
  return api<Page<PostSummary>>(BOARD_API.posts, { query: { ...query }, signal });
}

export function getPost(id: string, signal?: AbortSignal): Promise<PostDetail> {
  return api<PostDetail>(`${BOARD_API.posts}/${id}`, { signal });
}

export function listComments(postId: string, cursor?: string | null, signal?: AbortSignal) {
  return api<Page<CommentView>>(`${BOARD_API.posts}/${postId}/comments`, { query: { cursor, limit: 50 }, signal });
}
