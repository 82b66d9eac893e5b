import type { LoaderFunctionArgs } from 'react-router';
import { listPosts } from '../../features/board/api/posts';
import { listHospitals } from '../../features/hospitals/api/hospitals';
import { settle } from './shared';

const HOME_LIST = 5;

export async function homeLoader({ request }: LoaderFunctionArgs) {
  const { signal } = request;
  const [free, qna, best, most] = await Promise.all([
    settle(listPosts({ board: 'free', limit: HOME_LIST }, signal)),
    settle(listPosts({ board: 'qna', limit: HOME_LIST }, signal)),
    settle(listHospitals({ sort: 'rating', limit: HOME_LIST }, signal)),
    settle(listHospitals({ sort: 'reviews', limit: HOME_LIST }, signal)),
  ]);
  return { free, qna, best, most };
}
