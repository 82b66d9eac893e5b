import type { MyComment, Page, PostSummary } from '@carebridge/contracts';
import { type Caller, decodeCursor, keysetAfter, type PageQuery, toPage } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PostBookmark } from '../bookmarks/post-bookmark.entity.js';
import { Comment } from '../comments/comment.entity.js';
import { Post } from '../posts/post.entity.js';
import { toSummary } from '../posts/post-views.js';
import { SUMMARY_COLUMNS } from '../posts/posts.service.js';

/** A post a member may still open: not deleted, not hidden by moderation. */
const VISIBLE_POST = 'p.deleted_at IS NULL AND p.hidden = :hidden';

/**
 * The caller's own activity, newest first, read by the token's subject only: there is no way to
 * ask for anyone else's, so a nickname never leads to a member's history.
 */
@Injectable()
export class MeService {
  constructor(private readonly dataSource: DataSource) {}

  async posts(page: PageQuery, caller: Caller): Promise<Page<PostSummary>> {
    const qb = this.dataSource
      .getRepository(Post)
      .createQueryBuilder('p')
      .select(SUMMARY_COLUMNS)
      .where('p.author_sub = :sub', { sub: caller.sub })
      .andWhere(VISIBLE_POST, { hidden: false });
    after(qb, page.cursor, ['p.created_at', 'p.id']);
    const rows = await qb
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(page.limit + 1)
      .getMany();
    return toPage(
      rows,
      page.limit,
      (post) => toSummary(post, caller),
      (post) => [post.createdAt.toISOString(), post.id],
    );
  }

  async comments(page: PageQuery, caller: Caller): Promise<Page<MyComment>> {
    const qb = this.dataSource
      .getRepository(Comment)
      .createQueryBuilder('c')
      .where('c.author_sub = :sub', { sub: caller.sub })
      .andWhere('c.deleted_at IS NULL AND c.hidden = :hidden', { hidden: false })
      .andWhere(`EXISTS (SELECT 1 FROM posts p WHERE p.id = c.post_id AND ${VISIBLE_POST})`, { hidden: false });
    after(qb, page.cursor, ['c.created_at', 'c.id']);
    const rows = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(page.limit + 1)
      .getMany();
    const posts = await this.postsById(rows.map((c) => c.postId));
    return toPage(
      rows,
      page.limit,
      (c) => {
        const post = posts.get(c.postId) as Post;
        return {
          id: c.id,
          postId: c.postId,
          board: post.board,
          postTitle: post.title,
          body: c.body,
          createdAt: c.createdAt.toISOString(),
          likeCount: c.likeCount,
        };
      },
      (c) => [c.createdAt.toISOString(), c.id],
    );
  }

  /** Bookmarked posts, the latest kept first; a post that has since gone drops out of the list. */
  async bookmarks(page: PageQuery, caller: Caller): Promise<Page<PostSummary>> {
    const qb = this.dataSource
      .getRepository(PostBookmark)
      .createQueryBuilder('b')
      .where('b.member_sub = :sub', { sub: caller.sub })
      .andWhere(`EXISTS (SELECT 1 FROM posts p WHERE p.id = b.post_id AND ${VISIBLE_POST})`, { hidden: false });
    after(qb, page.cursor, ['b.created_at', 'b.post_id']);
    const rows = await qb
      .orderBy('b.created_at', 'DESC')
      .addOrderBy('b.post_id', 'DESC')
      .take(page.limit + 1)
      .getMany();
    const posts = await this.postsById(rows.map((b) => b.postId));
    return toPage(
      rows,
      page.limit,
      (b) => toSummary(posts.get(b.postId) as Post, caller),
      (b) => [b.createdAt.toISOString(), b.postId],
    );
  }

  private async postsById(ids: string[]): Promise<Map<string, Post>> {
    if (ids.length === 0) return new Map();
    const posts = await this.dataSource
      .getRepository(Post)
      .createQueryBuilder('p')
      .select(SUMMARY_COLUMNS)
      .where({ id: In(ids) })
      .getMany();
    return new Map(posts.map((post) => [post.id, post]));
  }
}

/** Every list here is (time, id) newest first. */
function after(qb: Parameters<typeof keysetAfter>[0], cursor: string | undefined, columns: [string, string]): void {
  if (!cursor) return;
  const [at, id] = decodeCursor(cursor, ['timestamp', 'string']);
  keysetAfter(qb, columns, [new Date(at as string), id as string]);
}
