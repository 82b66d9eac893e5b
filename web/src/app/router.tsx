import { createBrowserRouter, type LoaderFunction, type RouteObject } from 'react-router';
import { RouteError } from '../components/route-error';
import { patterns } from '../config/paths';
import { loadParts, type Part } from '../lib/i18n';
import { Layout, PageFallback } from './layout';

type PageModule = { Component: React.ComponentType };

/**
 * A page whose code, text (catalogue parts) and loader all load on demand, in parallel: the
 * router fetches the loader module and the component module at once, then runs the loader.
 */
function page(
  path: string | undefined,
  load: () => Promise<PageModule>,
  parts: Part[],
  data?: () => Promise<LoaderFunction>,
): RouteObject {
  return {
    ...(path === undefined ? { index: true } : { path }),
    lazy: {
      ...(data ? { loader: data } : {}),
      Component: async () => (await Promise.all([load(), loadParts(parts)]))[0].Component,
    },
    ErrorBoundary: RouteError,
    HydrateFallback: PageFallback,
  };
}

const ACCOUNT: Part[] = ['account', 'forms'];
const ADMIN: Part[] = ['admin', 'account', 'hospitals', 'hospital', 'report', 'forms'];

/** Fresh route objects each call: the router fills in lazy properties on the objects it is given. */
export const createRoutes = (): RouteObject[] => [
  {
    path: '/',
    Component: Layout,
    ErrorBoundary: RouteError,
    children: [
      {
        children: [
          page(
            undefined,
            () => import('./routes/home'),
            ['home'],
            () => import('./data/home').then((m) => m.homeLoader),
          ),
          page(
            patterns.search,
            () => import('./routes/search'),
            [],
            () => import('./data/search').then((m) => m.searchLoader),
          ),
          page(
            patterns.board,
            () => import('./routes/board'),
            ['board'],
            () => import('./data/board').then((m) => m.boardLoader),
          ),
          page(
            patterns.newPost,
            () => import('./routes/post-editor'),
            ['board', 'write', 'forms'],
            () => import('./data/board').then((m) => m.newPostLoader),
          ),
          page(
            patterns.post,
            () => import('./routes/post'),
            ['board'],
            () => import('./data/post').then((m) => m.postLoader),
          ),
          page(
            patterns.editPost,
            () => import('./routes/post-editor'),
            ['board', 'write', 'forms'],
            () => import('./data/post').then((m) => m.editPostLoader),
          ),
          page(
            patterns.hospitals,
            () => import('./routes/hospitals'),
            ['hospitals'],
            () => import('./data/hospitals').then((m) => m.hospitalsLoader),
          ),
          page(
            patterns.hospital,
            () => import('./routes/hospital'),
            ['hospital'],
            () => import('./data/hospital').then((m) => m.hospitalLoader),
          ),
          page(
            patterns.review,
            () => import('./routes/review-editor'),
            ['hospitals', 'hospital', 'write', 'forms'],
            () => import('./data/hospital').then((m) => m.reviewLoader),
          ),
          page(patterns.signup, () => import('./routes/signup'), ACCOUNT),
          page(patterns.login, () => import('./routes/login'), ACCOUNT),
          page(
            patterns.verifyEmail,
            () => import('./routes/verify-email'),
            ACCOUNT,
            () => import('./data/account').then((m) => m.verifyEmailLoader),
          ),
          page(
            patterns.me,
            () => import('./routes/me'),
            ACCOUNT,
            () => import('./data/account').then((m) => m.meLoader),
          ),
          page(
            patterns.admin,
            () => import('./routes/admin-reports'),
            ADMIN,
            () => import('./data/admin').then((m) => m.adminReportsLoader),
          ),
          page(
            patterns.adminHospitals,
            () => import('./routes/admin-hospitals'),
            ADMIN,
            () => import('./data/admin').then((m) => m.adminHospitalsLoader),
          ),
          page(
            patterns.adminMembers,
            () => import('./routes/admin-members'),
            ADMIN,
            () => import('./data/admin').then((m) => m.adminMembersLoader),
          ),
          page('*', () => import('./routes/not-found'), []),
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(createRoutes());
}
