import type { BookmarkState } from '@carebridge/contracts';
import { AllowUnverifiedEmail, type Caller, CurrentCaller, UuidPipe } from '@carebridge/platform';
import { Controller, Delete, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BookmarksService } from './bookmarks.service.js';

@ApiTags('bookmarks')
@ApiBearerAuth()
// Private to the member, so no verified email is needed, as for reading.
@AllowUnverifiedEmail()
@Controller('posts/:id/bookmark')
export class BookmarksController {
  constructor(private readonly bookmarks: BookmarksService) {}

  @Put()
  @ApiOperation({ summary: 'Keep a post in your bookmarks (idempotent)' })
  add(@Param('id', UuidPipe) postId: string, @CurrentCaller() caller: Caller): Promise<BookmarkState> {
    return this.bookmarks.add(postId, caller);
  }

  @Delete()
  @ApiOperation({ summary: 'Take a post out of your bookmarks (idempotent)' })
  remove(@Param('id', UuidPipe) postId: string, @CurrentCaller() caller: Caller): Promise<BookmarkState> {
    return this.bookmarks.remove(postId, caller);
  }
}
