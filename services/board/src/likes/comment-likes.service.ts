import type { LikeState } from '@carebridge/contracts';
import { type Caller, WriteLimiter } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Comment } from '../comments/comment.entity.js';
import { isGone } from '../comments/comment-views.js';
import { COMMENT_NOT_FOUND, CommentsService } from '../comments/comments.service.js';
import { CommentLike } from './comment-like.entity.js';
import { setCountedLike } from './counted-like.js';

/** Comment likes, as post likes: one per member, the count exact (see `setCountedLike`). */
@Injectable()
export class CommentLikesService {
  constructor(
    private readonly comments: CommentsService,
    private readonly dataSource: DataSource,
    private readonly limiter: WriteLimiter,
  ) {}

  like(commentId: string, caller: Caller): Promise<LikeState> {
    return this.set(commentId, caller, true);
  }

  unlike(commentId: string, caller: Caller): Promise<LikeState> {
    return this.set(commentId, caller, false);
  }

  private async set(commentId: string, caller: Caller, liked: boolean): Promise<LikeState> {
    await this.limiter.take(caller, 'like');
    const comment = await this.comments.findVisible(commentId, caller);
    // An admin can see a hidden comment, but nobody likes what moderation took down.
    if (liked && isGone(comment)) throw COMMENT_NOT_FOUND();
    const likeCount = await setCountedLike(
      this.dataSource,
      { entity: CommentLike, key: { commentId: comment.id, memberSub: caller.sub } },
      { entity: Comment, id: comment.id },
      liked,
    );
    return { liked, likeCount };
  }
}
