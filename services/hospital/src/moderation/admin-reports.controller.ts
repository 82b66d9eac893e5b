import type { HospitalModerationItem, Page } from '@carebridge/contracts';
import { Roles, UuidPipe } from '@carebridge/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListReportsQuery, ResolveDto } from './dto/moderation.dto.js';
import { ModerationService } from './moderation.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/reports')
export class AdminReportsController {
  constructor(private readonly moderation: ModerationService) {}

  @Get()
  @ApiOperation({ summary: 'The moderation queue: reported reviews, most recently reported first' })
  queue(@Query() query: ListReportsQuery): Promise<Page<HospitalModerationItem>> {
    return this.moderation.queue(query);
  }

  @Post(':caseId/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide a case: hide the review, or restore/dismiss (the review is shown)' })
  resolve(@Param('caseId', UuidPipe) caseId: string, @Body() dto: ResolveDto): Promise<HospitalModerationItem> {
    return this.moderation.resolve(caseId, dto.action);
  }
}
