// What members change on the board: loaded with the pages and buttons that do it, not the first page.
import {
  BOARD_API,
  type BookmarkState,
  type CommentView,
  type CreatePostRequest,
  type LikeState,
  type PostDetail,
  type ReportRequest,
} from '@carebridge/contracts';
import { api } from '../../../lib/api-client';

export function createPost(request: CreatePostRequest): Promise<PostDetail> {
  return api<PostDetail>(BOARD_API.posts, { method: 'POST', body: request });
}

export function updatePost(id: string, change: { title?: string; body?: string }): Promise<PostDetail> {
  return api<PostDetail>(`${BOARD_API.posts}/${id}`, { method: 'PATCH', body: change });
}

export function deletePost(id: string): Promise<void> {
  return api<void>(`${BOARD_API.posts}/${id}`, { method: 'DELETE' });
}

export function setLike(id: string, liked: boolean): Promise<LikeState> {
  return api<LikeState>(`${BOARD_API.posts}/${id}/like`, { method: liked ? 'PUT' : 'DELETE' });
}

export function setCommentLike(id: string, liked: boolean): Promise<LikeState> {
  return api<LikeState>(`${BOARD_API.prefix}/comments/${id}/like`, { method: liked ? 'PUT' : 'DELETE' });
}

export function setBookmark(id: string, bookmarked: boolean): Promise<BookmarkState> {
  return api<BookmarkState>(`${BOARD_API.posts}/${id}/bookmark`, { method: bookmarked ? 'PUT' : 'DELETE' });
}

export function reportPost(id: string, report: ReportRequest): Promise<unknown> {
  return api(`${BOARD_API.posts}/${id}/reports`, { method: 'POST', body: report });
}

export function createComment(postId: string, body: string, parentId?: string): Promise<CommentView> {
  return api<CommentView>(`${BOARD_API.posts}/${postId}/comments`, { method: 'POST', body: { body, parentId } });
}

export function deleteComment(id: string): Promise<void> {
  return api<void>(`${BOARD_API.prefix}/comments/${id}`, { method: 'DELETE' });
}

export function reportComment(id: string, report: ReportRequest): Promise<unknown> {
  return api(`${BOARD_API.prefix}/comments/${id}/reports`, { method: 'POST', body: report });
}

export function acceptAnswer(postId: string, commentId: string): Promise<PostDetail> {
  return api<PostDetail>(`${BOARD_API.posts}/${postId}/answer`, { method: 'POST', body: { commentId } });
}

export function updateComment(id: string, body: string): Promise<CommentView> {
  return api<CommentView>(`${BOARD_API.prefix}/comments/${id}`, { method: 'PATCH', body: { body } });
}
