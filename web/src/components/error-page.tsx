import { isRouteErrorResponse, Link, useNavigate, useRevalidator, useRouteError } from 'react-router';
import { paths } from '../config/paths';
import { ApiError } from '../lib/api-client';
import { useT } from '../lib/i18n';
import { errorMessage } from '../lib/problems';
import { useDocumentTitle } from './page';

export function NotFound() {
  const t = useT();
  useDocumentTitle(t('notFound.title'));
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p className="actions">
        <Link className="button button-primary" to={paths.home.href()}>
          {t('notFound.home')}
        </Link>
        <Link className="button" to={paths.hospitals.href()}>
          {t('nav.hospitals')}
        </Link>
      </p>
    </section>
  );
}

function isNotFound(error: unknown): boolean {
  return (isRouteErrorResponse(error) && error.status === 404) || (error instanceof ApiError && error.status === 404);
}

/**
 * What every route's error boundary shows: a missing thing is a real not-found page; a failed
 * network or server gets a retry.
 */
export default function ErrorPage() {
  const error = useRouteError();
  const t = useT();
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const missing = isNotFound(error);
  const forbidden = error instanceof ApiError && (error.status === 401 || error.status === 403);
  // Parents' effects run after their children's: the title is chosen here for every case.
  useDocumentTitle(t(missing ? 'notFound.title' : forbidden ? 'error.forbiddenTitle' : 'error.title'));
  if (missing) return <NotFound />;
  const retryable = !(error instanceof ApiError) || error.retryable;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{forbidden ? t('error.forbiddenTitle') : t('error.title')}</h1>
      <p role="alert">{errorMessage(error, t)}</p>
      <p className="actions">
        {retryable ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => (error instanceof ApiError ? revalidator.revalidate() : navigate(0))}
            disabled={revalidator.state === 'loading'}
          >
            {t('common.retry')}
          </button>
        ) : null}
        <Link className="button" to={paths.home.href()}>
          {t('notFound.home')}
        </Link>
      </p>
    </section>
  );
}
