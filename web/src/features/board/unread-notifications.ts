import type { NotificationItem } from '@carebridge/contracts';
import { fetchUnreadCount, markNotificationsRead } from './api/notifications';

/** A new count is asked for at most this often, however many pages are opened. */
export const UNREAD_REFRESH_MS = 15_000;

/** Whether the count is worth asking for again: never asked, asked too long ago, or forced. */
export function unreadCountIsStale(lastAskedAt: number | null, now: number, force = false): boolean {
  return force || lastAskedAt === null || now - lastAskedAt >= UNREAD_REFRESH_MS;
}

type Listener = () => void;

/**
 * How many of the signed-in member's notifications are unread, shared by the header's bell and the
 * list that marks them read; `null` while unknown (signed out, or not asked yet).
 */
class UnreadNotifications {
  private count: number | null = null;
  private lastAskedAt: number | null = null;
  /** Read in this visit, so a list restored by Back shows them read too. */
  private readIds = new Set<string>();
  private allReadAt: string | null = null;
  private version = 0;
  private readonly listeners = new Set<Listener>();

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): number | null => this.count;

  /** Changes whenever a notification is marked read here, for lists that show which are. */
  getVersion = (): number => this.version;

  isRead(item: NotificationItem): boolean {
    return item.read || this.readIds.has(item.id) || (this.allReadAt !== null && item.createdAt <= this.allReadAt);
  }

  /** Asks the board for the count unless it was asked for recently; a failure keeps the last one. */
  async refresh({ force = false, now = Date.now() } = {}): Promise<void> {
    if (!unreadCountIsStale(this.lastAskedAt, now, force)) return;
    this.lastAskedAt = now;
    try {
      this.set((await fetchUnreadCount()).count);
    } catch {
      // The bell shows no number rather than an error; the next page or minute asks again.
    }
  }

  /** Marks the named notifications read (all without ids) at once; put back if the board refuses. */
  async markRead(ids?: string[], now = new Date()): Promise<void> {
    const before = { readIds: this.readIds, allReadAt: this.allReadAt, count: this.count };
    this.readIds = new Set([...this.readIds, ...(ids ?? [])]);
    if (!ids) this.allReadAt = now.toISOString();
    this.set(ids && this.count !== null ? Math.max(0, this.count - ids.length) : 0, true);
    try {
      await markNotificationsRead(ids);
    } catch (error) {
      this.readIds = before.readIds;
      this.allReadAt = before.allReadAt;
      this.set(before.count, true);
      throw error;
    }
    await this.refresh({ force: true });
  }

  /** Forgets everything when the member signs out or another one signs in. */
  reset(): void {
    this.lastAskedAt = null;
    this.readIds = new Set();
    this.allReadAt = null;
    this.set(null, true);
  }

  /** Tells the bell and the lists; `readChanged` when which notifications are read changed too. */
  private set(count: number | null, readChanged = false): void {
    if (count === this.count && !readChanged) return;
    this.count = count;
    if (readChanged) this.version++;
    for (const listener of this.listeners) listener();
  }
}

export const unreadNotifications = new UnreadNotifications();
