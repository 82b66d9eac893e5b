import { POST_EXCERPT_LENGTH, type PostDetail, type PostSummary } from '@carebridge/contracts';
import type { Caller } from '@carebridge/platform';
import { authorOf, isMine } from '../authors/author-view.js';
import type { Post } from './post.entity.js';

export function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > POST_EXCERPT_LENGTH ? `${flat.slice(0, POST_EXCERPT_LENGTH)}…` : flat;
}

export function toSummary(post: Post, caller: Caller | undefined): PostSummary {
  return {
    id: post.id,
    board: post.board,
    title: post.title,
    excerpt: post.excerpt,
    author: authorOf(post),
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
    viewCount: post.viewCount,
    likeCount: post.likeCount,
    commentCount: post.commentCount,
    answered: post.acceptedCommentId !== null,
    isMine: isMine(post, caller),
  };
}

/** The caller's own marks on the post. */
export interface PostMarks {
  likedByMe: boolean;
  bookmarkedByMe: boolean;
}

export function toDetail(post: Post, caller: Caller | undefined, marks: PostMarks): PostDetail {
  return { ...toSummary(post, caller), body: post.body, acceptedCommentId: post.acceptedCommentId, ...marks };
}
