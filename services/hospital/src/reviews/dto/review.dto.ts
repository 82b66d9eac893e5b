import {
  type CreateReviewRequest,
  JOB_CATEGORIES,
  type JobCategory,
  RATING_MAX,
  RATING_MIN,
  type Ratings,
  REVIEW_BODY_MAX_LENGTH,
  REVIEW_BODY_MIN_LENGTH,
  REVIEW_SORTS,
  REVIEW_TIERS,
  REVIEW_TITLE_MAX_LENGTH,
  REVIEW_TITLE_MIN_LENGTH,
  type ReviewFilters,
  type ReviewSort,
  type ReviewTier,
  type UpdateReviewRequest,
} from '@carebridge/contracts';
import { DecimalInteger, PageQuery } from '@carebridge/platform';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** May be left out, but not set to null. */
const Omittable = () => ValidateIf((_, value) => value !== undefined);

const trim = Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value));

const Rating = (description: string, optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ minimum: RATING_MIN, maximum: RATING_MAX, description })
      : ApiProperty({ minimum: RATING_MIN, maximum: RATING_MAX, description }),
    ...(optional ? [Omittable()] : []),
    IsInt({ message: `must be a whole number from ${RATING_MIN} to ${RATING_MAX}` }),
    Min(RATING_MIN, { message: `must be at least ${RATING_MIN}` }),
    Max(RATING_MAX, { message: `must be at most ${RATING_MAX}` }),
  );

const Title = (optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ minLength: REVIEW_TITLE_MIN_LENGTH, maxLength: REVIEW_TITLE_MAX_LENGTH })
      : ApiProperty({ minLength: REVIEW_TITLE_MIN_LENGTH, maxLength: REVIEW_TITLE_MAX_LENGTH }),
    ...(optional ? [Omittable()] : []),
    trim,
    IsString(),
    Length(REVIEW_TITLE_MIN_LENGTH, REVIEW_TITLE_MAX_LENGTH, {
      message: `must be ${REVIEW_TITLE_MIN_LENGTH} to ${REVIEW_TITLE_MAX_LENGTH} characters long`,
    }),
  );

const Body = (optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ minLength: REVIEW_BODY_MIN_LENGTH, maxLength: REVIEW_BODY_MAX_LENGTH })
      : ApiProperty({ minLength: REVIEW_BODY_MIN_LENGTH, maxLength: REVIEW_BODY_MAX_LENGTH }),
    ...(optional ? [Omittable()] : []),
    trim,
    IsString(),
    Length(REVIEW_BODY_MIN_LENGTH, REVIEW_BODY_MAX_LENGTH, {
      message: `must be ${REVIEW_BODY_MIN_LENGTH} to ${REVIEW_BODY_MAX_LENGTH} characters long`,
    }),
  );

export class RatingsDto implements Ratings {
  @Rating('Overall')
  overall!: number;

  @Rating('Quality of treatment')
  care!: number;

  @Rating('No unnecessary treatment or billing')
  honesty!: number;

  @Rating('Staff')
  staff!: number;

  @Rating('Facilities')
  facilities!: number;

  @Rating('Waiting times')
  waiting!: number;
}

export class PartialRatingsDto implements Partial<Ratings> {
  @Rating('Overall', true)
  overall?: number;

  @Rating('Quality of treatment', true)
  care?: number;

  @Rating('No unnecessary treatment or billing', true)
  honesty?: number;

  @Rating('Staff', true)
  staff?: number;

  @Rating('Facilities', true)
  facilities?: number;

  @Rating('Waiting times', true)
  waiting?: number;
}

export class CreateReviewDto implements CreateReviewRequest {
  @ApiProperty({ type: RatingsDto })
  @IsObject({ message: 'must be an object with overall, care, honesty, staff, facilities and waiting' })
  @ValidateNested()
  @Type(() => RatingsDto)
  ratings!: RatingsDto;

  @ApiProperty({ description: 'Would you recommend this hospital to people close to you?' })
  @IsBoolean({ message: 'must be true or false' })
  recommend!: boolean;

  @Title()
  title!: string;

  @Body()
  body!: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Show your job category on the review (reviews never show a nickname)',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  showJobCategory?: boolean;
}

export class UpdateReviewDto implements UpdateReviewRequest {
  @ApiPropertyOptional({ type: PartialRatingsDto })
  @Omittable()
  @IsObject({ message: 'must be an object of ratings' })
  @ValidateNested()
  @Type(() => PartialRatingsDto)
  ratings?: PartialRatingsDto;

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean({ message: 'must be true or false' })
  recommend?: boolean;

  @Title(true)
  title?: string;

  @Body(true)
  body?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean({ message: 'must be true or false' })
  showJobCategory?: boolean;
}

export class ListReviewsQuery extends PageQuery implements ReviewFilters {
  @ApiPropertyOptional({
    enum: REVIEW_SORTS,
    default: 'latest',
    description:
      'Verified reviews first in every sort. latest: newest first; helpful: most helpful first; highest / lowest: by overall score, newest first among equal scores',
  })
  @IsOptional()
  @IsIn(REVIEW_SORTS, { message: `must be one of ${REVIEW_SORTS.join(', ')}` })
  sort: ReviewSort = 'latest';

  @ApiPropertyOptional({
    enum: REVIEW_TIERS,
    description: 'Only reviews of this tier (verified: by verified insiders)',
  })
  @IsOptional()
  @IsIn(REVIEW_TIERS, { message: `must be one of ${REVIEW_TIERS.join(', ')}` })
  tier?: ReviewTier;

  @ApiPropertyOptional({
    enum: JOB_CATEGORIES,
    description: 'Only reviews whose authors chose to show this job category',
  })
  @IsOptional()
  @IsIn(JOB_CATEGORIES, { message: `must be one of ${JOB_CATEGORIES.join(', ')}` })
  jobCategory?: JobCategory;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: RATING_MIN,
    maximum: RATING_MAX,
    description: 'Only reviews with exactly this overall score (a star filter, not a minimum)',
  })
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: `must be a whole number from ${RATING_MIN} to ${RATING_MAX}` })
  @Min(RATING_MIN, { message: `must be at least ${RATING_MIN}` })
  @Max(RATING_MAX, { message: `must be at most ${RATING_MAX}` })
  overall?: number;
}
