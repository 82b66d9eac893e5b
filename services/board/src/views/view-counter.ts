import { isUniqueViolation } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, Repository } from 'typeorm';
import { BoardConfig } from '../config.js';
import { Post } from '../posts/post.entity.js';
import { PostView } from './post-view.entity.js';

/** Counts a view of a post at most once per viewer per window (an hour by default). */
@Injectable()
export class ViewCounter {
  constructor(
    @InjectRepository(PostView) private readonly views: Repository<PostView>,
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    private readonly config: BoardConfig,
  ) {}

  async count(postId: string, viewerKey: string, now = new Date()): Promise<boolean> {
    let counted = false;
    try {
      await this.views.insert({ postId, viewerKey, viewedAt: now });
      counted = true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const windowStart = new Date(now.getTime() - this.config.VIEW_DEDUP_SECONDS * 1000);
      const renewed = await this.views.update(
        { postId, viewerKey, viewedAt: LessThanOrEqual(windowStart) },
        { viewedAt: now },
      );
      counted = (renewed.affected ?? 0) > 0;
    }
    if (counted) await this.posts.increment({ id: postId }, 'viewCount', 1);
    return counted;
  }
}
