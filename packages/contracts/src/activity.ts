/**
 * A member's own lists (내 활동), each found by the caller's token only. In a module of their own:
 * the web app bundles a module with the first page that imports any of it, and only the member's
 * own page needs these.
 */
export const BOARD_ME_API = {
  posts: '/api/board/me/posts',
  comments: '/api/board/me/comments',
  bookmarks: '/api/board/me/bookmarks',
} as const;

export const HOSPITAL_ME_API = { reviews: '/api/hospitals/me/reviews' } as const;
