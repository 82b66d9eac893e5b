import type { MyComment, Page, PostSummary } from '@carebridge/contracts';
import { type Caller, CurrentCaller, PageQuery } from '@carebridge/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MeService } from './me.service.js';

/** The signed-in member's own activity; there is deliberately no route for anyone else's. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get('posts')
  @ApiOperation({ summary: 'Your posts, newest first' })
  posts(@Query() page: PageQuery, @CurrentCaller() caller: Caller): Promise<Page<PostSummary>> {
    return this.me.posts(page, caller);
  }

  @Get('comments')
  @ApiOperation({ summary: 'Your comments, newest first, with the post each belongs to' })
  comments(@Query() page: PageQuery, @CurrentCaller() caller: Caller): Promise<Page<MyComment>> {
    return this.me.comments(page, caller);
  }

  @Get('bookmarks')
  @ApiOperation({ summary: 'Posts you bookmarked (스크랩), the latest kept first' })
  bookmarks(@Query() page: PageQuery, @CurrentCaller() caller: Caller): Promise<Page<PostSummary>> {
    return this.me.bookmarks(page, caller);
  }
}
