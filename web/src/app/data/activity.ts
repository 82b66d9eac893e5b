import type { MyComment, MyReview, NotificationItem, Page, PostSummary } from '@carebridge/contracts';
import { listMyBookmarks, listMyComments, listMyPosts } from '../../features/board/api/me';
import { listNotifications } from '../../features/board/api/notifications';
import { listMyReviews } from '../../features/hospitals/api/my-reviews';

/** The tabs of 내 활동 on the member's own page (`/me?tab=`); no tab is their account. */
export const ACTIVITY_TABS = ['notifications', 'posts', 'comments', 'reviews', 'bookmarks'] as const;
export type ActivityTab = (typeof ACTIVITY_TABS)[number];

export interface ActivityItems {
  notifications: NotificationItem;
  posts: PostSummary;
  comments: MyComment;
  reviews: MyReview;
  bookmarks: PostSummary;
}

type Fetch<T> = (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>;

/** One fetcher per tab: reviews come from hospitals, everything else from the board. */
export const fetchActivity: { [K in ActivityTab]: Fetch<ActivityItems[K]> } = {
  notifications: listNotifications,
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
