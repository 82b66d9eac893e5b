import { BOARD_ME_API, type MyComment, type Page, type PostSummary } from '@carebridge/contracts';
import { api } from '../../../lib/api-client';

/** The signed-in member's own board activity (the API knows them by their token only). */
export function listMyPosts(cursor?: string | null, signal?: AbortSignal): Promise<Page<PostSummary>> {
  return api<Page<PostSummary>>(BOARD_ME_API.posts, { query: { cursor }, signal });
}

export function listMyComments(cursor?: string | null, signal?: AbortSignal): Promise<Page<MyComment>> {
  return api<Page<MyComment>>(BOARD_ME_API.comments, { query: { cursor }, signal });
}

export function listMyBookmarks(cursor?: string | null, signal?: AbortSignal): Promise<Page<PostSummary>> {
  return api<Page<PostSummary>>(BOARD_ME_API.bookmarks, { query: { cursor }, signal });
}
