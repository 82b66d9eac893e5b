import {
  type MarkNotificationsRead,
  NOTIFICATIONS_API,
  type NotificationItem,
  type Page,
  type UnreadCount,
} from '@carebridge/contracts';
import { api } from '../../../lib/api-client';

/** The signed-in member's notifications, newest first (the API knows them by their token only). */
export function listNotifications(cursor?: string | null, signal?: AbortSignal): Promise<Page<NotificationItem>> {
  return api<Page<NotificationItem>>(NOTIFICATIONS_API.list, { query: { cursor }, signal });
}

export function fetchUnreadCount(signal?: AbortSignal): Promise<UnreadCount> {
  return api<UnreadCount>(NOTIFICATIONS_API.unreadCount, { signal });
}

/** Marks the named notifications read, or every one without ids. */
export function markNotificationsRead(ids?: string[]): Promise<void> {
  const body: MarkNotificationsRead = ids ? { ids } : {};
  return api<void>(NOTIFICATIONS_API.read, { method: 'POST', body });
}
