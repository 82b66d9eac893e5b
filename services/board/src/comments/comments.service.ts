import { randomUUID } from 'node:crypto';
import type { CommentView, Page, PostDetail } from '@carebridge/contracts';
import {
  type Caller,
  contentFingerprint,
  decodeCursor,
  keysetAfter,
  type PageQuery,
  ProblemException,
  retryingTransaction,
  toPage,
  WriteLimiter,
} from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, In, IsNull, Repository } from 'typeorm';
import { CommentLike } from '../likes/comment-like.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { notificationsForAcceptance, notificationsForComment } from '../notifications/notification-rules.js';
import { Post } from '../posts/post.entity.js';
import { assertAuthor, assertDeletable, assertNotHiddenBefore, PostsService } from '../posts/posts.service.js';
import { Comment } from './comment.entity.js';
import { isGone, toCommentView } from './comment-views.js';
import type { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto.js';

export const COMMENT_NOT_FOUND = () =>
  ProblemException.notFound('BOARD.COMMENT_NOT_FOUND', 'There is no such comment.');

@Injectable()
export class CommentsService {
  constructor(
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    private readonly posts: PostsService,
    private readonly dataSource: DataSource,
    private readonly limiter: WriteLimiter,
  ) {}

  /**
   * Top-level comments oldest first, each with its replies. A deleted top-level comment stays as a
   * placeholder while it has visible replies, and disappears otherwise.
   */
  async list(postId: string, page: PageQuery, caller: Caller | undefined): Promise<Page<CommentView>> {
    const post = await this.posts.findVisible(postId, caller);
    const qb = this.comments
      .createQueryBuilder('c')
      .where('c.post_id = :postId', { postId })
      .andWhere('c.parent_id IS NULL')
      .andWhere(
        new Brackets((w) =>
          w
            .where('(c.deleted_at IS NULL AND c.hidden = :visible)', { visible: false })
            .orWhere(
              'EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.deleted_at IS NULL AND r.hidden = :visible)',
            ),
        ),
      );
    if (page.cursor) {
      const [at, id] = decodeCursor(page.cursor, ['timestamp', 'string']);
      keysetAfter(qb, ['c.created_at', 'c.id'], [new Date(at as string), id as string], 'ASC');
    }
    const rows = await qb
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(page.limit + 1)
      .getMany();
    const shown = rows.slice(0, page.limit);
    const replies =
      shown.length === 0
        ? []
        : await this.comments.find({
            where: { parentId: In(shown.map((c) => c.id)), deletedAt: IsNull(), hidden: false },
            order: { createdAt: 'ASC', id: 'ASC' },
          });
    const likedByMe = await this.likedBy(caller, [...shown, ...replies]);
    const context = { caller, acceptedCommentId: post.acceptedCommentId, likedByMe };
    return toPage(
      rows,
      page.limit,
      (comment) =>
        toCommentView(
          comment,
          context,
          replies.filter((r) => r.parentId === comment.id).map((r) => toCommentView(r, context)),
        ),
      (comment) => [comment.createdAt.toISOString(), comment.id],
    );
  }

  async create(postId: string, dto: CreateCommentDto, caller: Caller): Promise<CommentView> {
    await this.limiter.take(caller, 'comment');
    const post = await this.posts.findVisible(postId, caller);
    const contentHash = contentFingerprint(dto.body);
    await assertNotHiddenBefore(this.comments, caller, contentHash);
    let parent: Comment | null = null;
    if (dto.parentId) {
      parent = await this.comments.findOneBy({ id: dto.parentId, postId: post.id });
      if (!parent || parent.parentId !== null || isGone(parent)) {
        throw ProblemException.validation([
          {
            field: 'parentId',
            message: 'must be a visible top-level comment of this post (replies go one level deep)',
          },
        ]);
      }
    }
    const now = new Date();
    const comment = this.comments.create({
      id: randomUUID(),
      postId: post.id,
      parentId: dto.parentId ?? null,
      body: dto.body,
      authorSub: caller.sub,
      authorNickname: caller.nickname,
      hidden: false,
      contentHash,
      likeCount: 0,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    // The post's row first, as likes do: a comment's foreign key would take a shared lock on it.
    await retryingTransaction(this.dataSource, async (manager) => {
      await manager.increment(Post, { id: post.id }, 'commentCount', 1);
      await manager.insert(Comment, comment);
      const notifications = notificationsForComment(post, parent, comment);
      if (notifications.length) await manager.insert(Notification, notifications);
    });
    return toCommentView(comment, { caller, acceptedCommentId: post.acceptedCommentId });
  }

  async update(id: string, dto: UpdateCommentDto, caller: Caller): Promise<CommentView> {
    const comment = await this.findVisible(id, caller);
    assertAuthor(comment, caller, 'edit');
    comment.contentHash = contentFingerprint(dto.body);
    await assertNotHiddenBefore(this.comments, caller, comment.contentHash);
    comment.body = dto.body;
    comment.updatedAt = new Date();
    await this.comments.update(
      { id: comment.id },
      { body: comment.body, contentHash: comment.contentHash, updatedAt: comment.updatedAt },
    );
    const post = await this.posts.findVisible(comment.postId, caller);
    const likedByMe = await this.likedBy(caller, [comment]);
    return toCommentView(comment, { caller, acceptedCommentId: post.acceptedCommentId, likedByMe });
  }

  async remove(id: string, caller: Caller): Promise<void> {
    const comment = await this.comments.findOneBy({ id, deletedAt: IsNull() });
    if (!comment) throw COMMENT_NOT_FOUND();
    if (caller.role !== 'admin') assertDeletable(comment, caller, COMMENT_NOT_FOUND);
    await this.posts.findVisible(comment.postId, caller);
    await retryingTransaction(this.dataSource, async (manager) => {
      const deleted = await manager.update(Comment, { id: comment.id, deletedAt: IsNull() }, { deletedAt: new Date() });
      if (deleted.affected) await manager.decrement(Post, { id: comment.postId }, 'commentCount', 1);
    });
  }

  /** The author of a Q&A post accepts one comment, written by someone else, as the answer. */
  async acceptAnswer(postId: string, commentId: string, caller: Caller): Promise<PostDetail> {
    const post = await this.posts.findVisible(postId, caller);
    if (post.board !== 'qna') {
      throw ProblemException.conflict('BOARD.NOT_A_QUESTION', 'Only Q&A posts have accepted answers.');
    }
    assertAuthor(post, caller, 'accept an answer to');
    const comment = await this.comments.findOneBy({ id: commentId, postId: post.id });
    if (!comment || isGone(comment)) {
      throw ProblemException.validation([{ field: 'commentId', message: 'must be a visible comment of this post' }]);
    }
    if (comment.authorSub === caller.sub) {
      throw ProblemException.validation([{ field: 'commentId', message: 'must be someone else’s comment' }]);
    }
    await retryingTransaction(this.dataSource, async (manager) => {
      const accepted = await manager.update(
        Post,
        { id: post.id, acceptedCommentId: IsNull() },
        { acceptedCommentId: comment.id },
      );
      if (!accepted.affected) {
        throw ProblemException.conflict('BOARD.ALREADY_ANSWERED', 'An answer was already accepted for this question.');
      }
      const notifications = notificationsForAcceptance(post, comment, caller.sub, new Date());
      if (notifications.length) await manager.insert(Notification, notifications);
    });
    post.acceptedCommentId = comment.id;
    return this.posts.detail(post, caller);
  }

  private async likedBy(caller: Caller | undefined, comments: Comment[]): Promise<Set<string>> {
    if (!caller || comments.length === 0) return new Set();
    const likes = await this.dataSource
      .getRepository(CommentLike)
      .findBy({ memberSub: caller.sub, commentId: In(comments.map((c) => c.id)) });
    return new Set(likes.map((like) => like.commentId));
  }

  async findVisible(id: string, caller: Caller | undefined): Promise<Comment> {
    const comment = await this.comments.findOneBy({ id, deletedAt: IsNull() });
    if (!comment || (comment.hidden && caller?.role !== 'admin')) throw COMMENT_NOT_FOUND();
    await this.posts.findVisible(comment.postId, caller);
    return comment;
  }
}
