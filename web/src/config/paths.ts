import type { BoardName } from '@carebridge/contracts';

/** A route: its pattern for the router and the function that writes its URLs. */
interface Route<A extends unknown[]> {
  path: string;
  href: (...args: A) => string;
}

const route = <A extends unknown[]>(path: string, href: (...args: A) => string): Route<A> => ({ path, href });
const withQuery = (path: string, query: Record<string, string | undefined>) => {
  const defined = Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return defined.length ? `${path}?${new URLSearchParams(defined)}` : path;
};

/** The only place the app's own URLs are written: one entry per route. */
export const paths = {
  home: route('', () => '/'),
  search: route('search', (q?: string) => withQuery('/search', { q })),
  board: route('board/:board', (board: BoardName) => `/board/${board}`),
  newPost: route('board/:board/new', (board: BoardName) => `/board/${board}/new`),
  post: route('board/:board/:postId', (board: BoardName, id: string) => `/board/${board}/${id}`),
  editPost: route('board/:board/:postId/edit', (board: BoardName, id: string) => `/board/${board}/${id}/edit`),
  hospitals: route('hospitals', () => '/hospitals'),
  hospital: route('hospitals/:hospitalId', (id: string) => `/hospitals/${id}`),
  review: route('hospitals/:hospitalId/review', (id: string) => `/hospitals/${id}/review`),
  signup: route('signup', () => '/signup'),
  login: route('login', (next?: string) => withQuery('/login', { next })),
  resetPassword: route('reset-password', (email?: string) => withQuery('/reset-password', { email })),
  verifyEmail: route('verify-email', () => '/verify-email'),
  /** The member's own page: their account, or with a tab one list of their activity. */
  me: route('me', (tab?: string) => withQuery('/me', { tab })),
  admin: route('admin', () => '/admin'),
  adminHospitals: route('admin/hospitals', () => '/admin/hospitals'),
  adminMembers: route('admin/members', () => '/admin/members'),
} as const;

/** Only same-site paths may be a redirect target after log-in. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : paths.home.href();
}
