import { POST_SORTS, type PostSort } from '@carebridge/contracts';
import type { LoaderFunctionArgs } from 'react-router';
import { listPosts } from '../../features/board/api/posts';
import { boardParam, pick } from './shared';

export async function boardLoader({ params, request }: LoaderFunctionArgs) {
  const board = boardParam(params.board);
  const search = new URL(request.url).searchParams;
  const q = search.get('q')?.trim() ?? '';
  const sort: PostSort = pick(search.get('sort'), POST_SORTS, 'latest');
  const page = await listPosts({ board, q, sort }, request.signal);
  return { board, q, sort, page };
}

export async function newPostLoader({ params }: LoaderFunctionArgs) {
  return { board: boardParam(params.board) };
}
