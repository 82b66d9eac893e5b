import type { ModerationItem, Page } from '@carebridge/contracts';
import { type Caller, CurrentCaller, Roles, UuidPipe } from '@carebridge/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateReportDto, ReportQueueQuery, ResolveReportDto } from './dto/report.dto.js';
import { ModerationService } from './moderation.service.js';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller()
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Post('posts/:id/reports')
  @ApiOperation({ summary: 'Report a post (once per member)' })
  reportPost(@Param('id', UuidPipe) id: string, @Body() dto: CreateReportDto, @CurrentCaller() caller: Caller) {
    return this.moderation.report('post', id, dto, caller);
  }

  @Post('comments/:id/reports')
  @ApiOperation({ summary: 'Report a comment (once per member)' })
  reportComment(@Param('id', UuidPipe) id: string, @Body() dto: CreateReportDto, @CurrentCaller() caller: Caller) {
    return this.moderation.report('comment', id, dto, caller);
  }

  @Roles('admin')
  @Get('admin/reports')
  @ApiOperation({ summary: 'The moderation queue: reported items, most recently reported first' })
  queue(@Query() query: ReportQueueQuery): Promise<Page<ModerationItem>> {
    return this.moderation.queue(query);
  }

  @Roles('admin')
  @Post('admin/reports/:id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide a report: hide the item, restore it, or dismiss the reports' })
  resolve(@Param('id', UuidPipe) id: string, @Body() dto: ResolveReportDto): Promise<ModerationItem> {
    return this.moderation.resolve(id, dto.action);
  }
}
