import type { LikeState } from '@carebridge/contracts';
import { type Caller, isUniqueViolation, retryingTransaction, WriteLimiter } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Post } from '../posts/post.entity.js';
import { PostsService } from '../posts/posts.service.js';
import { PostLike } from './post-like.entity.js';

/**
 * Likes are idempotent and the count stays exact: the like row and the counter change in one
 * transaction (retried whole after a deadlock), and the row's primary key refuses a second like by
 * the same member.
 */
@Injectable()
export class LikesService {
  constructor(
    private readonly posts: PostsService,
    private readonly dataSource: DataSource,
    private readonly limiter: WriteLimiter,
  ) {}

  async like(postId: string, caller: Caller): Promise<LikeState> {
    await this.limiter.take(caller, 'like');
    const post = await this.posts.findVisible(postId, caller);
    try {
      // The post's row is locked first: inserting the like first takes a shared lock on it (the
      // foreign key), and two likers upgrading theirs at once deadlock.
      await retryingTransaction(this.dataSource, async (manager) => {
        await manager.increment(Post, { id: post.id }, 'likeCount', 1);
        await manager.insert(PostLike, { postId: post.id, memberSub: caller.sub, createdAt: new Date() });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return this.state(post.id, true);
  }

  async unlike(postId: string, caller: Caller): Promise<LikeState> {
    await this.limiter.take(caller, 'like');
    const post = await this.posts.findVisible(postId, caller);
    await retryingTransaction(this.dataSource, async (manager) => {
      const removed = await manager.delete(PostLike, { postId: post.id, memberSub: caller.sub });
      if (removed.affected) await manager.decrement(Post, { id: post.id }, 'likeCount', 1);
    });
    return this.state(post.id, false);
  }

  private async state(postId: string, liked: boolean): Promise<LikeState> {
    const post = await this.dataSource
      .getRepository(Post)
      .findOneOrFail({ where: { id: postId }, select: { id: true, likeCount: true } });
    return { liked, likeCount: post.likeCount };
  }
}
