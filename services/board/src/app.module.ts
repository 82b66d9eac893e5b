import { serviceModule, TokenRevocation } from '@carebridge/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { AuthorsController } from './authors/authors.controller.js';
import { AuthorsService } from './authors/authors.service.js';
import { BookmarksController } from './bookmarks/bookmarks.controller.js';
import { BookmarksService } from './bookmarks/bookmarks.service.js';
import { PostBookmark } from './bookmarks/post-bookmark.entity.js';
import { CLOCK } from './clock.js';
import { Comment } from './comments/comment.entity.js';
import { CommentsController } from './comments/comments.controller.js';
import { CommentsService } from './comments/comments.service.js';
import type { BoardConfig } from './config.js';
import { CommentLike } from './likes/comment-like.entity.js';
import { CommentLikesController } from './likes/comment-likes.controller.js';
import { CommentLikesService } from './likes/comment-likes.service.js';
import { LikesController } from './likes/likes.controller.js';
import { LikesService } from './likes/likes.service.js';
import { PostLike } from './likes/post-like.entity.js';
import { MeController } from './me/me.controller.js';
import { MeService } from './me/me.service.js';
import { migrations } from './migrations/index.js';
import { ModerationController } from './moderation/moderation.controller.js';
import { ModerationService } from './moderation/moderation.service.js';
import { ModerationCase } from './moderation/moderation-case.entity.js';
import { Report } from './moderation/report.entity.js';
import { Notification } from './notifications/notification.entity.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { Post } from './posts/post.entity.js';
import { PostsController } from './posts/posts.controller.js';
import { PostsService } from './posts/posts.service.js';
import { PostSearch } from './posts/search/post-search.js';
import { PostView } from './views/post-view.entity.js';
import { ViewCounter } from './views/view-counter.js';

export const SERVICE = 'board';
export const entities = [
  Post,
  Comment,
  PostLike,
  CommentLike,
  PostBookmark,
  Notification,
  PostView,
  ModerationCase,
  Report,
  TokenRevocation,
];

@Module({})
export class AppModule {
  static forRoot(config: BoardConfig): DynamicModule {
    return serviceModule(AppModule, {
      service: SERVICE,
      config,
      tokens: config.tokenVerification,
      database: { dialects: ['mariadb', 'mysql', 'sqlite'], entities, migrations },
      revocations: { receive: true },
      writeLimits: { keyPrefix: 'BOARD', factor: config.WRITE_LIMIT_FACTOR },
      controllers: [
        PostsController,
        CommentsController,
        LikesController,
        CommentLikesController,
        BookmarksController,
        MeController,
        NotificationsController,
        ModerationController,
        AuthorsController,
      ],
      providers: [
        PostsService,
        PostSearch,
        CommentsService,
        LikesService,
        CommentLikesService,
        BookmarksService,
        MeService,
        NotificationsService,
        ModerationService,
        AuthorsService,
        ViewCounter,
        { provide: CLOCK, useValue: () => Date.now() },
      ],
    });
  }
}
