import { lazy, Suspense } from 'react';
import { useT } from '../lib/i18n';

/** When even the error page's code cannot load (the network is down): say so, offer a reload. */
function Offline() {
  const t = useT();
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t('error.title')}</h1>
      <p role="alert">{t('error.network')}</p>
      <p className="actions">
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </button>
      </p>
    </section>
  );
}

// The error page loads when an error happens, not with the first page.
const ErrorPage = lazy(() => import('./error-page').catch(() => ({ default: Offline })));

/** Every route's error boundary; nothing leaves a blank screen. */
export function RouteError() {
  return (
    <Suspense fallback={null}>
      <ErrorPage />
    </Suspense>
  );
}

/** For loaders: an unknown path segment is a 404. */
export function notFound(): never {
  throw new Response('Not Found', { status: 404 });
}
