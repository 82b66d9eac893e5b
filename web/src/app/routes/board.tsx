import { POST_SORTS } from '@carebridge/contracts';
import { Link, useLoaderData, useNavigate } from 'react-router';
import { GetForm, searchUrl } from '../../components/get-form';
import { InsiderPrompt } from '../../components/insider-prompt';
import { LoadMore, usePaged } from '../../components/load-more';
import { PageHeader } from '../../components/page';
import { paths } from '../../config/paths';
import { listPosts } from '../../features/board/api/posts';
import { AnswerFilter } from '../../features/board/components/answer-filter';
import { PostList } from '../../features/board/components/post-list';
import { WeeklyBest } from '../../features/board/components/weekly-best';
import { useT } from '../../lib/i18n';
import { useUser } from '../../lib/use-session';
import type { boardLoader } from '../data/board';

export function Component() {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const { board, q, sort, unanswered, page, best } = useLoaderData<typeof boardLoader>();
  const paged = usePaged(page, (cursor) =>
    listPosts({ board, q, sort, cursor, answered: unanswered ? false : undefined }),
  );
  return (
    <>
      <PageHeader title={t(`board.${board}`)} lead={<span className="wide-only">{t(`board.${board}.lead`)}</span>}>
        {user ? (
          <Link className="button button-primary" to={paths.newPost.href(board)}>
            {t('board.write')}
          </Link>
        ) : null}
      </PageHeader>
      <GetForm role="search" className="filters filters-inline" key={`${board}-${q}-${sort}-${unanswered}`}>
        {unanswered ? <input type="hidden" name="answered" value="false" /> : null}
        <div className="field grow">
          <label htmlFor="board-q" className="visually-hidden">
            {t('board.search')}
          </label>
          <input id="board-q" name="q" type="search" defaultValue={q} maxLength={100} placeholder={t('board.search')} />
        </div>
        <div className="field">
          <label htmlFor="board-sort" className="visually-hidden">
            {t('board.sort')}
          </label>
          <select
            id="board-sort"
            name="sort"
            defaultValue={sort}
            onChange={(event) => event.currentTarget.form && navigate(searchUrl(event.currentTarget.form))}
          >
            {POST_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`board.sort.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('search.submit')}
        </button>
      </GetForm>
      {board === 'qna' ? <AnswerFilter unanswered={unanswered} /> : null}
      {q ? (
        <p role="status" className="muted">
          {t('board.results', { q })}
        </p>
      ) : null}
      <WeeklyBest posts={best} />
      <PostList posts={paged.items} heading="h2" />
      <LoadMore hasMore={paged.hasMore} loading={paged.loading} error={paged.error} onMore={() => void paged.more()} />
      {/* Below the list, so a phone's first screen is posts. */}
      {user ? null : <InsiderPrompt />}
    </>
  );
}
