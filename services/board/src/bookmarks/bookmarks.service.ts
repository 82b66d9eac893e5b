import type { BookmarkState } from '@carebridge/contracts';
import { type Caller, isUniqueViolation } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostsService } from '../posts/posts.service.js';
import { PostBookmark } from './post-bookmark.entity.js';

/** Bookmarks (스크랩) are private: no counter, no rate limit beyond the table's own key. */
@Injectable()
export class BookmarksService {
  constructor(
    private readonly posts: PostsService,
    private readonly dataSource: DataSource,
  ) {}

  async add(postId: string, caller: Caller): Promise<BookmarkState> {
    const post = await this.posts.findVisible(postId, caller);
    try {
      await this.dataSource
        .getRepository(PostBookmark)
        .insert({ memberSub: caller.sub, postId: post.id, createdAt: new Date() });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return { bookmarked: true };
  }

  /** Also for a post that has since gone: a member can always clear their own list. */
  async remove(postId: string, caller: Caller): Promise<BookmarkState> {
    await this.dataSource.getRepository(PostBookmark).delete({ memberSub: caller.sub, postId });
    return { bookmarked: false };
  }
}
