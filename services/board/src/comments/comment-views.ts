import type { CommentView } from '@carebridge/contracts';
import type { Caller } from '@carebridge/platform';
import { authorOf, isMine } from '../authors/author-view.js';
import type { Comment } from './comment.entity.js';

export function isGone(comment: Comment): boolean {
  return comment.deletedAt !== null || comment.hidden;
}

/** A deleted or hidden comment keeps its place in the thread (for its replies) but shows nothing of itself. */
export interface CommentContext {
  caller: Caller | undefined;
  acceptedCommentId: string | null;
  /** Ids of the comments the caller liked. */
  likedByMe?: ReadonlySet<string>;
}

export function toCommentView(comment: Comment, context: CommentContext, replies?: CommentView[]): CommentView {
  const { caller, acceptedCommentId } = context;
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
    likeCount: comment.likeCount,
    likedByMe: context.likedByMe?.has(comment.id) ?? false,
    replies,
  };
}
