import { Link, useLoaderData } from 'react-router';
import { GetForm } from '../../components/get-form';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { PostList } from '../../features/board/components/post-list';
import { HospitalList } from '../../features/hospitals/components/hospital-list';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/problems';
import type { searchLoader } from '../data/search';

export function Component() {
  const t = useT();
  const { q, hospitals, posts } = useLoaderData<typeof searchLoader>();
  return (
    <>
      <PageHeader title={q ? t('search.titleFor', { q }) : t('search.title')} />
      <GetForm role="search" className="search-box" key={q}>
        <label htmlFor="search-q" className="visually-hidden">
          {t('search.label')}
        </label>
        <input id="search-q" name="q" type="search" defaultValue={q} required maxLength={100} />
        <button type="submit" className="button button-primary">
          {t('search.submit')}
        </button>
      </GetForm>
      {hospitals ? (
        <section aria-labelledby="found-hospitals" className="panel">
          <h2 id="found-hospitals">{t('search.hospitals')}</h2>
          {hospitals.ok ? (
            <HospitalList hospitals={hospitals.value.items} />
          ) : (
            <p role="alert">{errorMessage(hospitals.error, t)}</p>
          )}
          <p>
            <Link to={`${paths.hospitals.href()}?${new URLSearchParams({ q: q.slice(0, 50) })}`}>
              {t('search.moreHospitals')}
            </Link>
          </p>
        </section>
      ) : null}
      {posts ? (
        <section aria-labelledby="found-posts" className="panel">
          <h2 id="found-posts">{t('search.posts')}</h2>
          {posts.ok ? (
            <PostList posts={posts.value.items} showBoard excerpts />
          ) : (
            <p role="alert">{errorMessage(posts.error, t)}</p>
          )}
          <p className="actions">
            <Link to={`${paths.board.href('free')}?${new URLSearchParams({ q })}`}>{t('search.moreFree')}</Link>
            <Link to={`${paths.board.href('qna')}?${new URLSearchParams({ q })}`}>{t('search.moreQna')}</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
