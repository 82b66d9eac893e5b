import { POST_SORTS, type PostSort } from '@carebridge/contracts';
import type { LoaderFunctionArgs } from 'react-router';
import { listPosts } from '../../features/board/api/posts';
import { boardParam, pick } from './shared';

/** How many of the week's best the board shows above its list. */
const WEEKLY_BEST_SIZE = 3;

export async function boardLoader({ params, request }: LoaderFunctionArgs) {
  const board = boardParam(params.board);
  const search = new URL(request.url).searchParams;
  const q = search.get('q')?.trim() ?? '';
  const sort: PostSort = pick(search.get('sort'), POST_SORTS, 'latest');
  // 미답변 is the one Q&A filter; on the free board the parameter means nothing and is dropped.
  const unanswered = board === 'qna' && search.get('answered') === 'false';
  const [page, best] = await Promise.all([
    listPosts({ board, q, sort, answered: unanswered ? false : undefined }, request.signal),
    // The week's best sits above the list, not above search results; without it the board still works.
    q
      ? null
      : listPosts({ board, sort: 'popular', period: 'week', limit: WEEKLY_BEST_SIZE }, request.signal).catch(
          () => null,
        ),
  ]);
  return { board, q, sort, unanswered, page, best: best?.items ?? [] };
}

export async function newPostLoader({ params }: LoaderFunctionArgs) {
  return { board: boardParam(params.board) };
}
