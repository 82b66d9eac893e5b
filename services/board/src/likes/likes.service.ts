import type { LikeState } from '@carebridge/contracts';
import { type Caller, WriteLimiter } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Post } from '../posts/post.entity.js';
import { PostsService } from '../posts/posts.service.js';
import { setCountedLike } from './counted-like.js';
import { PostLike } from './post-like.entity.js';

/** Post likes: idempotent, the count exact (see `setCountedLike`). */
@Injectable()
export class LikesService {
  constructor(
    private readonly posts: PostsService,
    private readonly dataSource: DataSource,
    private readonly limiter: WriteLimiter,
  ) {}

  like(postId: string, caller: Caller): Promise<LikeState> {
    return this.set(postId, caller, true);
  }

  unlike(postId: string, caller: Caller): Promise<LikeState> {
    return this.set(postId, caller, false);
  }

  private async set(postId: string, caller: Caller, liked: boolean): Promise<LikeState> {
    await this.limiter.take(caller, 'like');
    const post = await this.posts.findVisible(postId, caller);
    const likeCount = await setCountedLike(
      this.dataSource,
      { entity: PostLike, key: { postId: post.id, memberSub: caller.sub } },
      { entity: Post, id: post.id },
      liked,
    );
    return { liked, likeCount };
  }
}
