import type { Page, PostDetail, PostSummary } from '@carebridge/contracts';
import { type Caller, CurrentCaller, Public, UuidPipe } from '@carebridge/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { viewerKey } from '../views/viewer-key.js';
import { CreatePostDto, ListPostsQuery, UpdatePostDto } from './dto/post.dto.js';
import { PostsService } from './posts.service.js';

@ApiTags('posts')
@ApiBearerAuth()
@Controller('posts')
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Posts of a board or both, newest or most liked first, with search' })
  list(@Query() query: ListPostsQuery, @CurrentCaller() caller: Caller | undefined): Promise<Page<PostSummary>> {
    return this.posts.list(query, caller);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'A post with its body (counts a view)' })
  read(
    @Param('id', UuidPipe) id: string,
    @CurrentCaller() caller: Caller | undefined,
    @Req() req: FastifyRequest,
  ): Promise<PostDetail> {
    return this.posts.read(id, caller, viewerKey(req, caller));
  }

  @Post()
  @ApiOperation({ summary: 'Write a post (members)' })
  create(@Body() dto: CreatePostDto, @CurrentCaller() caller: Caller): Promise<PostDetail> {
    return this.posts.create(dto, caller);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit your post' })
  update(
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdatePostDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PostDetail> {
    return this.posts.update(id, dto, caller);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete your post (admins: any post)' })
  remove(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    return this.posts.remove(id, caller);
  }
}
