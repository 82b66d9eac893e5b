import type { PostSummary } from '@carebridge/contracts';
import { useT } from '../../../lib/i18n';
import { PostList } from './post-list';

/** 주간 베스트: the most liked posts of the last 7 days, a short strip above the board's list. */
export function WeeklyBest({ posts }: { posts: PostSummary[] }) {
  const t = useT();
  if (posts.length === 0) return null;
  return (
    <section className="weekly-best" aria-labelledby="weekly-best-title">
      <h2 id="weekly-best-title" className="weekly-best-title">
        {t('board.weeklyBest')}
      </h2>
      <PostList posts={posts} compact heading="h3" />
    </section>
  );
}
