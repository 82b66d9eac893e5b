import { createBrowserRouter, type LoaderFunction, type RouteObject } from 'react-router';
import { RouteError } from '../components/route-error';
import { paths } from '../config/paths';
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
            paths.search.path,
            () => import('./routes/search'),
            ['search'],
            () => import('./data/search').then((m) => m.searchLoader),
          ),
          page(
            paths.board.path,
            () => import('./routes/board'),
            ['board'],
            () => import('./data/board').then((m) => m.boardLoader),
          ),
          page(
            paths.newPost.path,
            () => import('./routes/post-editor'),
            ['board', 'write', 'forms'],
            () => import('./data/board').then((m) => m.newPostLoader),
          ),
          page(
            paths.post.path,
            () => import('./routes/post'),
            ['board'],
            () => import('./data/post').then((m) => m.postLoader),
          ),
          page(
            paths.editPost.path,
            () => import('./routes/post-editor'),
            ['board', 'write', 'forms'],
            () => import('./data/post').then((m) => m.editPostLoader),
          ),
          page(
            paths.hospitals.path,
            () => import('./routes/hospitals'),
            ['hospitals'],
            () => import('./data/hospitals').then((m) => m.hospitalsLoader),
          ),
          page(
            paths.hospital.path,
            () => import('./routes/hospital'),
            ['hospital'],
            () => import('./data/hospital').then((m) => m.hospitalLoader),
          ),
          page(
            paths.review.path,
            () => import('./routes/review-editor'),
            ['hospitals', 'hospital', 'write', 'forms'],
            () => import('./data/hospital').then((m) => m.reviewLoader),
          ),
          page(paths.signup.path, () => import('./routes/signup'), ACCOUNT),
          page(paths.login.path, () => import('./routes/login'), ACCOUNT),
          page(paths.resetPassword.path, () => import('./routes/reset-password'), ACCOUNT),
          page(
            paths.verifyEmail.path,
            () => import('./routes/verify-email'),
            ACCOUNT,
            () => import('./data/account').then((m) => m.verifyEmailLoader),
          ),
          page(
            paths.me.path,
            () => import('./routes/me'),
            ACCOUNT,
            () => import('./data/account').then((m) => m.meLoader),
          ),
          page(
            paths.admin.path,
            () => import('./routes/admin-reports'),
            ADMIN,
            () => import('./data/admin').then((m) => m.adminReportsLoader),
          ),
          page(
            paths.adminHospitals.path,
            () => import('./routes/admin-hospitals'),
            ADMIN,
            () => import('./data/admin').then((m) => m.adminHospitalsLoader),
          ),
          page(
            paths.adminMembers.path,
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
