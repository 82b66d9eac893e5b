import type { AuthorView } from './moderation.js';

export const BOARDS = ['free', 'qna'] as const;
export type BoardName = (typeof BOARDS)[number];
export const POST_SORTS = ['latest', 'popular'] as const;
export type PostSort = (typeof POST_SORTS)[number];
/** `sort=popular&period=week`: the most liked posts of the last 7 days, a top list without pages. */
export const POST_PERIODS = ['week'] as const;
export type PostPeriod = (typeof POST_PERIODS)[number];
export const POPULAR_TOP_LIMIT = 20;

export const POST_TITLE_MAX_LENGTH = 100;
export const POST_BODY_MAX_LENGTH = 20_000;
export const COMMENT_BODY_MAX_LENGTH = 2_000;
export const POST_EXCERPT_LENGTH = 120;

export interface PostSummary {
  id: string;
  board: BoardName;
  title: string;
  excerpt: string;
  author: AuthorView;
  createdAt: string;
  updatedAt: string;
  viewCount: number;
  likeCount: number;
  commentCount: number;
  /** Q&A: whether the author accepted an answer. */
  answered: boolean;
  isMine?: boolean;
}

export interface PostDetail extends PostSummary {
  body: string;
  acceptedCommentId: string | null;
  likedByMe: boolean;
  /** Whether the caller keeps it in their bookmarks (스크랩). */
  bookmarkedByMe: boolean;
}

export interface CommentView {
  id: string;
  postId: string;
  parentId: string | null;
  /** Empty when the comment was deleted or hidden but still carries replies. */
  body: string;
  /** Null when the comment was deleted or hidden. */
  author: AuthorView | null;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
  accepted: boolean;
  isMine?: boolean;
  likeCount: number;
  likedByMe: boolean;
  replies?: CommentView[];
}

/** One of the caller's own comments on their activity page, with the post it belongs to. */
export interface MyComment {
  id: string;
  postId: string;
  board: BoardName;
  postTitle: string;
  body: string;
  createdAt: string;
  likeCount: number;
}

export interface BookmarkState {
  bookmarked: boolean;
}

export interface LikeState {
  liked: boolean;
  likeCount: number;
}

export interface CreatePostRequest {
  board: BoardName;
  title: string;
  body: string;
}

export const BOARD_API = { prefix: '/api/board', posts: '/api/board/posts' } as const;
