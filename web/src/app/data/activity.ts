import type { MyComment, MyReview, Page, PostSummary } from '@carebridge/contracts';
import { listMyBookmarks, listMyComments, listMyPosts } from '../../features/board/api/me';
import { listMyReviews } from '../../features/hospitals/api/my-reviews';

/** The tabs of 내 활동 on the member's own page (`/me?tab=`); no tab is their account. */
export const ACTIVITY_TABS = ['posts', 'comments', 'reviews', 'bookmarks'] as const;
export type ActivityTab = (typeof ACTIVITY_TABS)[number];

export interface ActivityItems {
  posts: PostSummary;
  comments: MyComment;
  reviews: MyReview;
  bookmarks: PostSummary;
}

type Fetch<T> = (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>;

/** One fetcher per tab: posts, comments and bookmarks from the board, reviews from hospitals. */
export const fetchActivity: { [K in ActivityTab]: Fetch<ActivityItems[K]> } = {
  posts: listMyPosts,
  comments: listMyComments,
  reviews: listMyReviews,
  bookmarks: listMyBookmarks,
};

export function activityTab(value: string | null): ActivityTab | null {
  return ACTIVITY_TABS.includes(value as ActivityTab) ? (value as ActivityTab) : null;
}

export async function activityPage(tab: ActivityTab, signal: AbortSignal) {
  return { tab, page: (await fetchActivity[tab](null, signal)) as Page<ActivityItems[ActivityTab]> };
}
