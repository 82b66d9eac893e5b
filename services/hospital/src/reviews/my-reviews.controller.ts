import type { MyReview, Page } from '@carebridge/contracts';
import { type Caller, CurrentCaller, PageQuery } from '@carebridge/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MyReviewsService } from './my-reviews.service.js';

/** Registered before the hospital routes: `me/reviews` would otherwise read as `:id/reviews`. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('me/reviews')
export class MyReviewsController {
  constructor(private readonly reviews: MyReviewsService) {}

  @Get()
  @ApiOperation({ summary: 'Your own reviews, newest first (hidden ones marked)' })
  list(@Query() page: PageQuery, @CurrentCaller() caller: Caller): Promise<Page<MyReview>> {
    return this.reviews.list(page, caller);
  }
}
