import type { CommentView } from '@carebridge/contracts';
import type { Caller } from '@carebridge/platform';
import { authorOf, isMine } from '../authors/author-view.js';
import type { Comment } from './comment.entity.js';

export function isGone(comment: Comment): boolean {
  return comment.deletedAt !== null || comment.hidden;
}

/** A deleted or hidden comment keeps its place in the thread (for its replies) but shows nothing of itself. */
export function toCommentView(
  comment: Comment,
  caller: Caller | undefined,
  acceptedCommentId: string | null,
  replies?: CommentView[],
): CommentView {
  const gone = isGone(comment);
  return {
    id: comment.id,
    postId: comment.postId,
    parentId: comment.parentId,
    body: gone ? '' : comment.body,
    author: gone ? null : authorOf(comment),
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
    deleted: gone,
    accepted: comment.id === acceptedCommentId,
    isMine: !gone && isMine(comment, caller),
    ...(replies ? { replies } : {}),
  };
}
