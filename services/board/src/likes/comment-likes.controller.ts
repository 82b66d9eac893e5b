import type { LikeState } from '@carebridge/contracts';
import { type Caller, CurrentCaller, UuidPipe } from '@carebridge/platform';
import { Controller, Delete, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommentLikesService } from './comment-likes.service.js';

@ApiTags('likes')
@ApiBearerAuth()
@Controller('comments/:id/like')
export class CommentLikesController {
  constructor(private readonly likes: CommentLikesService) {}

  @Put()
  @ApiOperation({ summary: 'Like a comment (idempotent; one like per member)' })
  like(@Param('id', UuidPipe) commentId: string, @CurrentCaller() caller: Caller): Promise<LikeState> {
    return this.likes.like(commentId, caller);
  }

  @Delete()
  @ApiOperation({ summary: 'Take back your like of a comment (idempotent)' })
  unlike(@Param('id', UuidPipe) commentId: string, @CurrentCaller() caller: Caller): Promise<LikeState> {
    return this.likes.unlike(commentId, caller);
  }
}
