import type { HelpfulState, Page, ReportReceipt, ReviewView } from '@carebridge/contracts';
import { type Caller, CurrentCaller, Public, UuidPipe } from '@carebridge/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReportDto } from '../moderation/dto/moderation.dto.js';
import { ModerationService } from '../moderation/moderation.service.js';
import { CreateReviewDto, ListReviewsQuery, UpdateReviewDto } from './dto/review.dto.js';
import { ReviewsService } from './reviews.service.js';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller(':id/reviews')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly moderation: ModerationService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: "A hospital's reviews: verified first, then by the sort (latest, helpful, highest, lowest)",
    description:
      'Filters combine: tier, jobCategory (shown ones only) and overall (that exact score). A cursor serves only the sort and filters it was given out with.',
  })
  list(
    @Param('id', UuidPipe) id: string,
    @Query() query: ListReviewsQuery,
    @CurrentCaller() caller: Caller | undefined,
  ): Promise<Page<ReviewView>> {
    return this.reviews.list(id, query, caller);
  }

  @Get('mine')
  @ApiOperation({ summary: "The caller's own review of this hospital (also when hidden by moderation)" })
  mine(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ReviewView> {
    return this.reviews.mine(id, caller);
  }

  @Public()
  @Get(':reviewId')
  @ApiOperation({ summary: 'One review' })
  get(
    @Param('id', UuidPipe) id: string,
    @Param('reviewId', UuidPipe) reviewId: string,
    @CurrentCaller() caller: Caller | undefined,
  ): Promise<ReviewView> {
    return this.reviews.get(id, reviewId, caller);
  }

  @Post()
  @ApiOperation({ summary: "Review the hospital named as the caller's workplace (one review per member)" })
  create(
    @Param('id', UuidPipe) id: string,
    @Body() dto: CreateReviewDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ReviewView> {
    return this.reviews.create(id, caller, dto);
  }

  @Patch(':reviewId')
  @ApiOperation({ summary: 'Edit your review; only the fields given change' })
  update(
    @Param('id', UuidPipe) id: string,
    @Param('reviewId', UuidPipe) reviewId: string,
    @Body() dto: UpdateReviewDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ReviewView> {
    return this.reviews.update(id, reviewId, caller, dto);
  }

  @Delete(':reviewId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete your review (admins: any review)' })
  remove(
    @Param('id', UuidPipe) id: string,
    @Param('reviewId', UuidPipe) reviewId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    return this.reviews.remove(id, reviewId, caller);
  }

  @Put(':reviewId/helpful')
  @ApiOperation({ summary: 'Mark a review helpful (not your own); repeating it changes nothing' })
  markHelpful(
    @Param('id', UuidPipe) id: string,
    @Param('reviewId', UuidPipe) reviewId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<HelpfulState> {
    return this.reviews.setHelpful(id, reviewId, caller, true);
  }

  @Delete(':reviewId/helpful')
  @ApiOperation({ summary: 'Take back a helpful mark; repeating it changes nothing' })
  unmarkHelpful(
    @Param('id', UuidPipe) id: string,
    @Param('reviewId', UuidPipe) reviewId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<HelpfulState> {
    return this.reviews.setHelpful(id, reviewId, caller, false);
  }

  @Post(':reviewId/reports')
  @ApiOperation({ summary: 'Report a review to the moderators (once per member)' })
  report(
    @Param('id', UuidPipe) id: string,
    @Param('reviewId', UuidPipe) reviewId: string,
    @Body() dto: ReportDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ReportReceipt> {
    return this.moderation.reportReview(id, reviewId, caller, dto);
  }
}
