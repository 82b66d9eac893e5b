import type { LikeState } from '@carebridge/contracts';
import { type Caller, CurrentCaller, UuidPipe } from '@carebridge/platform';
import { Controller, Delete, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LikesService } from './likes.service.js';

@ApiTags('likes')
@ApiBearerAuth()
@Controller('posts/:id/like')
export class LikesController {
  constructor(private readonly likes: LikesService) {}

  @Put()
  @ApiOperation({ summary: 'Like a post (idempotent)' })
  like(@Param('id', UuidPipe) postId: string, @CurrentCaller() caller: Caller): Promise<LikeState> {
    return this.likes.like(postId, caller);
  }

  @Delete()
  @ApiOperation({ summary: 'Take back your like (idempotent)' })
  unlike(@Param('id', UuidPipe) postId: string, @CurrentCaller() caller: Caller): Promise<LikeState> {
    return this.likes.unlike(postId, caller);
  }
}
