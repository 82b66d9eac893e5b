import type { NotificationItem, Page, UnreadCount } from '@carebridge/contracts';
import { AllowUnverifiedEmail, type Caller, CurrentCaller, PageQuery } from '@carebridge/platform';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarkReadDto } from './dto/mark-read.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('me')
@ApiBearerAuth()
// Private to the member, so no verified email is needed, as for reading.
@AllowUnverifiedEmail()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Replies, answers and accepted answers on your items, newest first' })
  list(@Query() page: PageQuery, @CurrentCaller() caller: Caller): Promise<Page<NotificationItem>> {
    return this.notifications.list(page, caller);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of your notifications are unread' })
  unreadCount(@CurrentCaller() caller: Caller): Promise<UnreadCount> {
    return this.notifications.unreadCount(caller);
  }

  @Post('read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark the named notifications read, or all of them without ids' })
  markRead(@Body() dto: MarkReadDto, @CurrentCaller() caller: Caller): Promise<void> {
    return this.notifications.markRead(dto.ids, caller);
  }
}
