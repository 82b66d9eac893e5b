import { randomUUID } from 'node:crypto';
import type { NotificationKind } from '@carebridge/contracts';
import type { Comment } from '../comments/comment.entity.js';
import type { Post } from '../posts/post.entity.js';
import type { Notification } from './notification.entity.js';

type Author = { authorSub: string | null };

/**
 * Who hears of a new comment: the post's author of a top-level one (an answer, on Q&A), the parent's
 * author of a reply. Nobody hears of their own action, nor a withdrawn member of anything.
 */
export function notificationsForComment(post: Post, parent: Author | null, comment: Comment): Notification[] {
  if (parent) return notify(parent, comment.authorSub, 'reply_to_comment', post.id, comment.id, comment.createdAt);
  const kind = post.board === 'qna' ? 'answer_on_question' : 'comment_on_post';
  return notify(post, comment.authorSub, kind, post.id, comment.id, comment.createdAt);
}

/** The accepted answer's author hears of it, unless they accepted it themselves. */
export function notificationsForAcceptance(post: Post, answer: Comment, acceptedBy: string, at: Date): Notification[] {
  return notify(answer, acceptedBy, 'answer_accepted', post.id, answer.id, at);
}

function notify(
  owner: Author,
  actorSub: string | null,
  kind: NotificationKind,
  postId: string,
  commentId: string,
  createdAt: Date,
): Notification[] {
  if (!owner.authorSub || owner.authorSub === actorSub) return [];
  return [{ id: randomUUID(), recipientSub: owner.authorSub, kind, postId, commentId, createdAt, readAt: null }];
}
