import type { CommentView, Page, PostDetail } from '@carebridge/contracts';
import { type Caller, CurrentCaller, PageQuery, Public, UuidPipe } from '@carebridge/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommentsService } from './comments.service.js';
import { AcceptAnswerDto, CreateCommentDto, UpdateCommentDto } from './dto/comment.dto.js';

@ApiTags('comments')
@ApiBearerAuth()
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Public()
  @Get('posts/:id/comments')
  @ApiOperation({ summary: 'Comments of a post, oldest first, with one level of replies' })
  list(
    @Param('id', UuidPipe) postId: string,
    @Query() page: PageQuery,
    @CurrentCaller() caller: Caller | undefined,
  ): Promise<Page<CommentView>> {
    return this.comments.list(postId, page, caller);
  }

  @Post('posts/:id/comments')
  @ApiOperation({ summary: 'Comment on a post, or reply to a comment (members)' })
  create(
    @Param('id', UuidPipe) postId: string,
    @Body() dto: CreateCommentDto,
    @CurrentCaller() caller: Caller,
  ): Promise<CommentView> {
    return this.comments.create(postId, dto, caller);
  }

  @Post('posts/:id/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a comment as the answer to your Q&A post' })
  accept(
    @Param('id', UuidPipe) postId: string,
    @Body() dto: AcceptAnswerDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PostDetail> {
    return this.comments.acceptAnswer(postId, dto.commentId, caller);
  }

  @Patch('comments/:id')
  @ApiOperation({ summary: 'Edit your comment' })
  update(
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateCommentDto,
    @CurrentCaller() caller: Caller,
  ): Promise<CommentView> {
    return this.comments.update(id, dto, caller);
  }

  @Delete('comments/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete your comment (admins: any comment)' })
  remove(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    return this.comments.remove(id, caller);
  }
}
