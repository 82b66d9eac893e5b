import type { BoardName } from '@carebridge/contracts';

/** The only place the app's own URLs are written. */
export const paths = {
  home: () => '/',
  search: (q?: string) => (q ? `/search?${new URLSearchParams({ q })}` : '/search'),
  board: (board: BoardName) => `/board/${board}`,
  post: (board: BoardName, id: string) => `/board/${board}/${id}`,
  newPost: (board: BoardName) => `/board/${board}/new`,
  editPost: (board: BoardName, id: string) => `/board/${board}/${id}/edit`,
  hospitals: () => '/hospitals',
  hospital: (id: string) => `/hospitals/${id}`,
  review: (id: string) => `/hospitals/${id}/review`,
  signup: () => '/signup',
  login: (next?: string) => (next ? `/login?${new URLSearchParams({ next })}` : '/login'),
  verifyEmail: () => '/verify-email',
  me: () => '/me',
  admin: () => '/admin',
  adminHospitals: () => '/admin/hospitals',
  adminMembers: () => '/admin/members',
} as const;

/** Route patterns for the router, matching `paths`. */
export const patterns = {
  search: 'search',
  board: 'board/:board',
  newPost: 'board/:board/new',
  post: 'board/:board/:postId',
  editPost: 'board/:board/:postId/edit',
  hospitals: 'hospitals',
  hospital: 'hospitals/:hospitalId',
  review: 'hospitals/:hospitalId/review',
  signup: 'signup',
  login: 'login',
  verifyEmail: 'verify-email',
  me: 'me',
  admin: 'admin',
  adminHospitals: 'admin/hospitals',
  adminMembers: 'admin/members',
} as const;

/** Only same-site paths may be a redirect target after log-in. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : paths.home();
}
