import { type LoaderFunctionArgs, redirect } from 'react-router';
import { paths } from '../../config/paths';
import { getPost, listComments } from '../../features/board/api/posts';
import { boardParam, orNotFound, signedIn } from './shared';

export async function postLoader({ params, request }: LoaderFunctionArgs) {
  const board = boardParam(params.board);
  const id = params.postId ?? '';
  const [post, comments] = await Promise.all([
    orNotFound(getPost(id, request.signal)),
    orNotFound(listComments(id, null, request.signal)),
  ]);
  if (post.board !== board) throw redirect(paths.post.href(post.board, post.id));
  return { board, post, comments };
}

export async function editPostLoader({ params, request }: LoaderFunctionArgs) {
  const board = boardParam(params.board);
  await signedIn(request);
  const post = await orNotFound(getPost(params.postId ?? '', request.signal));
  return { board, post };
}
