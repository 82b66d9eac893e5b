import type { BoardName } from './board.js';

/** What happened to one of the member's own items; the actor is never named. */
export const NOTIFICATION_KINDS = [
  'comment_on_post',
  'reply_to_comment',
  'answer_on_question',
  'answer_accepted',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The member's notifications, found by the caller's token only. */
export const NOTIFICATIONS_API = {
  list: '/api/board/me/notifications',
  unreadCount: '/api/board/me/notifications/unread-count',
  read: '/api/board/me/notifications/read',
} as const;

/** The most ids one mark-as-read request may name. */
export const NOTIFICATION_READ_MAX_IDS = 100;

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  postId: string;
  postTitle: string;
  board: BoardName;
  commentId: string | null;
  createdAt: string;
  read: boolean;
}

export interface UnreadCount {
  count: number;
}

/** Body of `POST /api/board/me/notifications/read`; no ids marks every notification read. */
export interface MarkNotificationsRead {
  ids?: string[];
}
