import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostBookmark } from '../bookmarks/post-bookmark.entity.js';
import { Comment } from '../comments/comment.entity.js';
import { CommentLike } from '../likes/comment-like.entity.js';
import { PostLike } from '../likes/post-like.entity.js';
import { Report } from '../moderation/report.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { Post } from '../posts/post.entity.js';
import { PostView } from '../views/post-view.entity.js';

/**
 * Forgets a member whose account was deleted: their posts and comments stay, as a withdrawn
 * member's; their likes, bookmarks, notifications and view records go (with the counts); their reports lose their name.
 */
@Injectable()
export class AuthorsService {
  constructor(private readonly dataSource: DataSource) {}

  async forget(sub: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Post, { authorSub: sub }, { authorSub: null, authorNickname: null });
      await manager.update(Comment, { authorSub: sub }, { authorSub: null, authorNickname: null });
      const likes = await manager.findBy(PostLike, { memberSub: sub });
      for (const like of likes) {
        await manager.delete(PostLike, { postId: like.postId, memberSub: sub });
        await manager.decrement(Post, { id: like.postId }, 'likeCount', 1);
      }
      const commentLikes = await manager.findBy(CommentLike, { memberSub: sub });
      for (const like of commentLikes) {
        await manager.delete(CommentLike, { commentId: like.commentId, memberSub: sub });
        await manager.decrement(Comment, { id: like.commentId }, 'likeCount', 1);
      }
      await manager.delete(PostBookmark, { memberSub: sub });
      await manager.delete(Notification, { recipientSub: sub });
      await manager.delete(PostView, { viewerKey: `member:${sub}` });
      await manager.update(Report, { reporterSub: sub }, { reporterSub: null });
    });
  }
}
