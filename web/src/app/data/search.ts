import type { LoaderFunctionArgs } from 'react-router';
import { listPosts } from '../../features/board/api/posts';
import { listHospitals } from '../../features/hospitals/api/hospitals';
import { settle } from './shared';

export async function searchLoader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams.get('q')?.trim() ?? '';
  if (!q) return { q, hospitals: null, posts: null };
  const [hospitals, posts] = await Promise.all([
    settle(listHospitals({ q: q.slice(0, 50), limit: 10 }, request.signal)),
    settle(listPosts({ q, limit: 10 }, request.signal)),
  ]);
  return { q, hospitals, posts };
}
