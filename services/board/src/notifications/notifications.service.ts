import type { NotificationItem, Page, UnreadCount } from '@carebridge/contracts';
import { type Caller, decodeCursor, keysetAfter, type PageQuery, toPage } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type Repository, type SelectQueryBuilder } from 'typeorm';
import { Post } from '../posts/post.entity.js';
import { Notification } from './notification.entity.js';

/** A notification counts while its post, and its comment if any, can still be opened. */
const STILL_VISIBLE =
  'EXISTS (SELECT 1 FROM posts p WHERE p.id = n.post_id AND p.deleted_at IS NULL AND p.hidden = :hidden)' +
  ' AND (n.comment_id IS NULL OR EXISTS' +
  ' (SELECT 1 FROM comments c WHERE c.id = n.comment_id AND c.deleted_at IS NULL AND c.hidden = :hidden))';

/** The caller's own notifications, read by the token's subject only. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly dataSource: DataSource,
  ) {}

  async list(page: PageQuery, caller: Caller): Promise<Page<NotificationItem>> {
    const qb = this.mine(caller);
    if (page.cursor) {
      const [at, id] = decodeCursor(page.cursor, ['timestamp', 'string']);
      keysetAfter(qb, ['n.created_at', 'n.id'], [new Date(at as string), id as string]);
    }
    const rows = await qb
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(page.limit + 1)
      .getMany();
    const posts = await this.postsById(rows.map((n) => n.postId));
    return toPage(
      rows,
      page.limit,
      (n) => {
        const post = posts.get(n.postId) as Post;
        return {
          id: n.id,
          kind: n.kind,
          postId: n.postId,
          postTitle: post.title,
          board: post.board,
          commentId: n.commentId,
          createdAt: n.createdAt.toISOString(),
          read: n.readAt !== null,
        };
      },
      (n) => [n.createdAt.toISOString(), n.id],
    );
  }

  async unreadCount(caller: Caller): Promise<UnreadCount> {
    return { count: await this.mine(caller).andWhere('n.read_at IS NULL').getCount() };
  }

  /** Marks the named notifications read (all of them without ids); anyone else's ids match nothing. */
  async markRead(ids: string[] | undefined, caller: Caller): Promise<void> {
    if (ids?.length === 0) return;
    await this.notifications.update(
      { recipientSub: caller.sub, readAt: IsNull(), ...(ids ? { id: In(ids) } : {}) },
      { readAt: new Date() },
    );
  }

  private mine(caller: Caller): SelectQueryBuilder<Notification> {
    return this.notifications
      .createQueryBuilder('n')
      .where('n.recipient_sub = :sub', { sub: caller.sub })
      .andWhere(STILL_VISIBLE, { hidden: false });
  }

  private async postsById(ids: string[]): Promise<Map<string, Post>> {
    if (ids.length === 0) return new Map();
    const posts = await this.dataSource
      .getRepository(Post)
      .createQueryBuilder('p')
      .select(['p.id', 'p.title', 'p.board'])
      .where({ id: In(ids) })
      .getMany();
    return new Map(posts.map((post) => [post.id, post]));
  }
}
