import type { MyProfile } from '@carebridge/contracts';
import { render } from '@testing-library/react';
import { createMemoryRouter, type RouteObject, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { ALL_PARTS, I18nProvider, type Locale, loadParts } from '../lib/i18n';
import { session } from '../lib/session';

export const member = (overrides: Partial<MyProfile> = {}): MyProfile => ({
  id: 'u-1',
  email: 'nurse@example.com',
  nickname: '새벽근무',
  hospitalId: null,
  jobCategory: 'nurse',
  role: 'member',
  emailVerified: true,
  insiderVerified: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/** Signs a user in for the test (no request), or stays a visitor with `null`. */
export function signInAs(user: MyProfile | null) {
  if (!user) {
    session.clear(false);
    return;
  }
  session.signIn({ accessToken: 'token', tokenType: 'Bearer', expiresIn: 900, user });
}

/** Renders routes in a memory router inside the app's providers, in Korean unless told. */
export function renderRoutes(routes: RouteObject[], path = '/', locale: Locale = 'ko') {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <I18nProvider initial={locale}>
      <RouterProvider router={router} />
    </I18nProvider>,
  );
  return { ...view, router };
}

/** Loads every message part in English first, for `renderRoutes(…, 'en')`. */
export const inEnglish = () => loadParts(ALL_PARTS, 'en');

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

/** Wraps a board list handler so the board page's 주간 베스트 request gets an empty list. */
export const withoutWeeklyBest =
  (handler: Handler): Handler =>
  (url, init) =>
    url.searchParams.get('period') === 'week' ? json({ items: [], nextCursor: null }) : handler(url, init);

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/** Replaces fetch: each call goes to the first handler whose "METHOD /path" key matches. */
export function mockApi(handlers: Record<string, Handler>) {
  const calls: { method: string; url: URL; body: unknown; headers: Record<string, string> }[] = [];
  const fetchMock = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined, headers });
    const handler = handlers[`${method} ${url.pathname}`];
    if (!handler && process.env.DEBUG_API) console.log('unhandled', method, url.pathname);
    if (!handler) return json({ key: 'TEST.NO_HANDLER', status: 404, title: 'Not Found', type: 'x' }, 404);
    return handler(url, init);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}
