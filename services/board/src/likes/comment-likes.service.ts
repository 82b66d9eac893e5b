import type { LikeState } from '@carebridge/contracts';
import { type Caller, isUniqueViolation, WriteLimiter } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Comment } from '../comments/comment.entity.js';
import { isGone } from '../comments/comment-views.js';
import { COMMENT_NOT_FOUND, CommentsService } from '../comments/comments.service.js';
import { CommentLike } from './comment-like.entity.js';

/** Comment likes, as post likes: the row and the counter change together, the key refuses a second. */
@Injectable()
export class CommentLikesService {
  constructor(
    private readonly comments: CommentsService,
    private readonly dataSource: DataSource,
    private readonly limiter: WriteLimiter,
  ) {}

  async like(commentId: string, caller: Caller): Promise<LikeState> {
    await this.limiter.take(caller, 'like');
    const comment = await this.comments.findVisible(commentId, caller);
    if (isGone(comment)) throw COMMENT_NOT_FOUND();
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(CommentLike, { commentId: comment.id, memberSub: caller.sub, createdAt: new Date() });
        await manager.increment(Comment, { id: comment.id }, 'likeCount', 1);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return this.state(comment.id, true);
  }

  async unlike(commentId: string, caller: Caller): Promise<LikeState> {
    await this.limiter.take(caller, 'like');
    const comment = await this.comments.findVisible(commentId, caller);
    await this.dataSource.transaction(async (manager) => {
      const removed = await manager.delete(CommentLike, { commentId: comment.id, memberSub: caller.sub });
      if (removed.affected) await manager.decrement(Comment, { id: comment.id }, 'likeCount', 1);
    });
    return this.state(comment.id, false);
  }

  private async state(commentId: string, liked: boolean): Promise<LikeState> {
    const comment = await this.dataSource
      .getRepository(Comment)
      .findOneOrFail({ where: { id: commentId }, select: { id: true, likeCount: true } });
    return { liked, likeCount: comment.likeCount };
  }
}
