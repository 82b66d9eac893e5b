import type { HospitalSummary, Page, PostSummary } from '@carebridge/contracts';
import { Link, useLoaderData } from 'react-router';
import { GetForm } from '../../components/get-form';
import { InsiderPrompt } from '../../components/insider-prompt';
import { useDocumentTitle } from '../../components/page';
import { paths } from '../../config/paths';
import { PostList } from '../../features/board/components/post-list';
import { HospitalList } from '../../features/hospitals/components/hospital-list';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/problems';
import { useUser } from '../../lib/use-session';
import type { homeLoader } from '../data/home';
import type { Settled } from '../data/shared';

function Part<T>({ result, children }: { result: Settled<T>; children: (value: T) => React.ReactNode }) {
  const t = useT();
  if (result.ok) return <>{children(result.value)}</>;
  return (
    <p className="form-message form-message-error" role="alert">
      {errorMessage(result.error, t)}
    </p>
  );
}

/** "Best rated" and "most reviewed" mean nothing for hospitals nobody reviewed yet. */
const rated = (page: Page<HospitalSummary>) => page.items.filter((hospital) => hospital.rating.reviewCount > 0);

export function Component() {
  const t = useT();
  const user = useUser();
  const data = useLoaderData<typeof homeLoader>();
  useDocumentTitle(null);
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <GetForm role="search" action={paths.search.href()} className="search-box">
          <label htmlFor="home-q" className="visually-hidden">
            {t('search.label')}
          </label>
          <input id="home-q" name="q" type="search" placeholder={t('search.placeholder')} required maxLength={100} />
          <button type="submit" className="button button-primary">
            {t('search.submit')}
          </button>
        </GetForm>
      </section>

      <div className="columns">
        <section aria-labelledby="free-title" className="panel">
          <h2 id="free-title">
            <Link to={paths.board.href('free')}>{t('home.latestFree')}</Link>
          </h2>
          <Part result={data.free}>{(page: Page<PostSummary>) => <PostList posts={page.items} compact />}</Part>
        </section>
        <section aria-labelledby="qna-title" className="panel">
          <h2 id="qna-title">
            <Link to={paths.board.href('qna')}>{t('home.latestQna')}</Link>
          </h2>
          <Part result={data.qna}>{(page: Page<PostSummary>) => <PostList posts={page.items} compact />}</Part>
        </section>
        <section aria-labelledby="best-title" className="panel">
          <h2 id="best-title">{t('home.bestRated')}</h2>
          <Part result={data.best}>
            {(page: Page<HospitalSummary>) => (
              <HospitalList hospitals={rated(page)} compact empty={t('home.noRated')} />
            )}
          </Part>
        </section>
        <section aria-labelledby="most-title" className="panel">
          <h2 id="most-title">{t('home.mostReviewed')}</h2>
          <Part result={data.most}>
            {(page: Page<HospitalSummary>) => (
              <HospitalList hospitals={rated(page)} compact empty={t('home.noRated')} />
            )}
          </Part>
        </section>
      </div>

      <section className="explainer" aria-labelledby="insider-title">
        <h2 id="insider-title">{t('home.insiderTitle')}</h2>
        <p>{t('home.insider1')}</p>
        <p>{t('home.insider2')}</p>
        <p>{t('home.insider3')}</p>
        {user ? null : <InsiderPrompt />}
      </section>
    </>
  );
}
