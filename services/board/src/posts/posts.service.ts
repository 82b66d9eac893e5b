import { randomUUID } from 'node:crypto';
import type { Page, PostDetail, PostSummary } from '@carebridge/contracts';
import {
  type Caller,
  contentFingerprint,
  decodeCursor,
  everyColumn,
  keysetAfter,
  ProblemException,
  selectPlain,
  toPage,
  WriteLimiter,
} from '@carebridge/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, IsNull, Repository } from 'typeorm';
import { PostBookmark } from '../bookmarks/post-bookmark.entity.js';
import { CLOCK, type Clock } from '../clock.js';
import type { Comment } from '../comments/comment.entity.js';
import { PostLike } from '../likes/post-like.entity.js';
import { ViewCounter } from '../views/view-counter.js';
import type { CreatePostDto, ListPostsQuery, UpdatePostDto } from './dto/post.dto.js';
import { assertListFilters, topOfPeriod, whereAnswered } from './list-filters.js';
import { popularSince } from './popular-window.js';
import { Post } from './post.entity.js';
import { excerptOf, toDetail, toSummary } from './post-views.js';
import { PostSearch } from './search/post-search.js';
import { SEARCH_CURSOR_SHAPE, searchCursorOf, searchStart } from './search/search-plan.js';

/** What a list item needs: everything but the body, which can be 80 KB. */
export const SUMMARY_COLUMNS = [
  'id',
  'board',
  'title',
  'excerpt',
  'authorSub',
  'authorNickname',
  'viewCount',
  'likeCount',
  'commentCount',
  'acceptedCommentId',
  'createdAt',
  'updatedAt',
].map((column) => `p.${column}`);

export const POST_NOT_FOUND = () => ProblemException.notFound('BOARD.POST_NOT_FOUND', 'There is no such post.');

@Injectable()
export class PostsService {
  constructor(
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    @InjectRepository(PostLike) private readonly likes: Repository<PostLike>,
    private readonly views: ViewCounter,
    private readonly limiter: WriteLimiter,
    private readonly search: PostSearch,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: ListPostsQuery, caller: Caller | undefined): Promise<Page<PostSummary>> {
    assertListFilters(query);
    // A search in its own order (title matches first) is the index's; by likes, the index narrows the list.
    if (query.q && query.sort !== 'popular') {
      return this.searchList(query, query.q, caller);
    }
    const qb = this.posts
      .createQueryBuilder('p')
      .select(SUMMARY_COLUMNS)
      .where('p.deleted_at IS NULL')
      .andWhere('p.hidden = :hidden', { hidden: false });
    if (query.board) qb.andWhere('p.board = :board', { board: query.board });
    whereAnswered(qb, query.answered);
    if (query.q) {
      const since = query.period ? popularSince(this.clock(), query.period) : undefined;
      await this.search.narrow(qb, query.q, query.board, since);
    }
    if (query.period) {
      const top = await topOfPeriod(qb, query.period, this.clock(), query.limit);
      return { items: top.map((post) => toSummary(post, caller)), nextCursor: null };
    }
    if (query.sort === 'popular') {
      if (query.cursor) {
        const [likes, at, id] = decodeCursor(query.cursor, ['number', 'timestamp', 'string']);
        keysetAfter(
          qb,
          ['p.like_count', 'p.created_at', 'p.id'],
          [likes as number, new Date(at as string), id as string],
        );
      }
      qb.orderBy('p.like_count', 'DESC').addOrderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC');
    } else {
      if (query.cursor) {
        const [at, id] = decodeCursor(query.cursor, ['timestamp', 'string']);
        keysetAfter(qb, ['p.created_at', 'p.id'], [new Date(at as string), id as string]);
      }
      qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC');
    }
    // What the statement's text depends on; a search narrows it by its words, so it is built afresh.
    const shape = query.q
      ? undefined
      : [Boolean(query.board), query.answered, query.sort, query.cursor !== undefined, query.limit].join();
    const rows = await selectPlain(qb.limit(query.limit + 1), shape);
    return toPage(
      rows,
      query.limit,
      (post) => toSummary(post, caller),
      (post) =>
        query.sort === 'popular'
          ? [post.likeCount, post.createdAt.toISOString(), post.id]
          : [post.createdAt.toISOString(), post.id],
    );
  }

  /** Search results: title matches first, then body matches, each newest first. */
  private async searchList(query: ListPostsQuery, q: string, caller: Caller | undefined): Promise<Page<PostSummary>> {
    const hits = await this.search.find({
      q,
      board: query.board,
      answered: query.answered,
      start: searchStart(query.cursor ? decodeCursor(query.cursor, [...SEARCH_CURSOR_SHAPE]) : undefined),
      count: query.limit + 1,
      columns: SUMMARY_COLUMNS,
    });
    return toPage(
      hits,
      query.limit,
      (hit) => toSummary(hit.post, caller),
      (hit) => searchCursorOf(hit.phase, hit.post),
    );
  }

  /** The post, counting a view (at most once per viewer within the dedup window). */
  async read(id: string, caller: Caller | undefined, viewerKey: string): Promise<PostDetail> {
    const post = await this.findVisible(id, caller);
    if (await this.views.count(post.id, viewerKey)) post.viewCount += 1;
    return this.detail(post, caller);
  }

  async create(dto: CreatePostDto, caller: Caller): Promise<PostDetail> {
    await this.limiter.take(caller, 'post');
    const contentHash = contentFingerprint(dto.body);
    await assertNotHiddenBefore(this.posts, caller, contentHash);
    const now = new Date();
    const post = this.posts.create({
      id: randomUUID(),
      board: dto.board,
      title: dto.title,
      body: dto.body,
      excerpt: excerptOf(dto.body),
      authorSub: caller.sub,
      authorNickname: caller.nickname,
      viewCount: 0,
      likeCount: 0,
      commentCount: 0,
      acceptedCommentId: null,
      hidden: false,
      contentHash,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.posts.manager.transaction(async (m) => {
      await m.insert(Post, post);
      await this.search.write(m, post);
    });
    return toDetail(post, caller, { likedByMe: false, bookmarkedByMe: false });
  }

  async update(id: string, dto: UpdatePostDto, caller: Caller): Promise<PostDetail> {
    const post = await this.findVisible(id, caller);
    assertAuthor(post, caller, 'edit');
    if (dto.title !== undefined) post.title = dto.title;
    if (dto.body !== undefined) {
      post.contentHash = contentFingerprint(dto.body);
      await assertNotHiddenBefore(this.posts, caller, post.contentHash);
      post.body = dto.body;
      post.excerpt = excerptOf(dto.body);
    }
    post.updatedAt = new Date();
    await this.posts.manager.transaction(async (m) => {
      await m.update(
        Post,
        { id: post.id },
        {
          title: post.title,
          body: post.body,
          excerpt: post.excerpt,
          contentHash: post.contentHash,
          updatedAt: post.updatedAt,
        },
      );
      await this.search.write(m, post);
    });
    return this.detail(post, caller);
  }

  async detail(post: Post, caller: Caller | undefined): Promise<PostDetail> {
    const [likedByMe, bookmarkedByMe] = caller
      ? await Promise.all([
          this.likes.existsBy({ postId: post.id, memberSub: caller.sub }),
          this.likes.manager.existsBy(PostBookmark, { postId: post.id, memberSub: caller.sub }),
        ])
      : [false, false];
    return toDetail(post, caller, { likedByMe, bookmarkedByMe });
  }

  /** Soft deletion: the post leaves every list; its comments stay attached to it. */
  async remove(id: string, caller: Caller): Promise<void> {
    const post = await this.posts.findOneBy({ id, deletedAt: IsNull() });
    if (!post) throw POST_NOT_FOUND();
    if (caller.role !== 'admin') assertDeletable(post, caller, POST_NOT_FOUND);
    await this.posts.update({ id: post.id, deletedAt: IsNull() }, { deletedAt: new Date() });
  }

  /** A post that is not deleted, and not hidden by moderation unless the caller is an admin. */
  async findVisible(id: string, caller: Caller | undefined): Promise<Post> {
    const [post] = await selectPlain(
      this.posts
        .createQueryBuilder('p')
        .select(everyColumn(this.posts.metadata, 'p'))
        .where('p.id = :id', { id })
        .andWhere('p.deleted_at IS NULL')
        .limit(1),
      'visible-by-id',
    );
    if (!post || (post.hidden && caller?.role !== 'admin')) throw POST_NOT_FOUND();
    return post;
  }
}

/**
 * The author may delete their item, except one that moderation hid: deleting it would end the
 * moderation record and let the author post it afresh.
 */
export function assertDeletable(
  item: { authorSub: string | null; hidden: boolean },
  caller: Caller,
  notFound: () => ProblemException,
): void {
  const mine = item.authorSub !== null && item.authorSub === caller.sub;
  if (item.hidden && !mine) throw notFound();
  if (item.hidden) {
    throw ProblemException.forbidden(
      'BOARD.MODERATED',
      'A moderator hid this. It stays as it is while the decision stands; you cannot delete it.',
    );
  }
  assertAuthor(item, caller, 'delete');
}

/** Refuses the caller's text if a moderator hid the same text of theirs (a re-post to undo the hide). */
export async function assertNotHiddenBefore<T extends Post | Comment>(
  items: Repository<T>,
  caller: Caller,
  contentHash: string,
): Promise<void> {
  if (await items.existsBy({ authorSub: caller.sub, contentHash, hidden: true } as FindOptionsWhere<T>)) {
    throw ProblemException.conflict(
      'BOARD.REPOST_OF_HIDDEN',
      'A moderator hid this text when you posted it before, so it cannot be posted again.',
      'body',
    );
  }
}

export function assertAuthor(item: { authorSub: string | null }, caller: Caller, action: string): void {
  if (item.authorSub === null || item.authorSub !== caller.sub) {
    throw ProblemException.forbidden('BOARD.NOT_AUTHOR', `Only the author can ${action} this.`);
  }
}
