import {
  BOARDS,
  type BoardName,
  POPULAR_TOP_LIMIT,
  POST_BODY_MAX_LENGTH,
  POST_PERIODS,
  POST_SORTS,
  POST_TITLE_MAX_LENGTH,
  type PostPeriod,
  type PostSort,
} from '@carebridge/contracts';
import { PageQuery } from '@carebridge/platform';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';

const trimmed = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
/** Query strings carry text: only the words `true` and `false` become booleans. */
const queryBoolean = Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export class CreatePostDto {
  @ApiProperty({ enum: BOARDS })
  @IsIn(BOARDS, { message: `must be one of ${BOARDS.join(', ')}` })
  board!: BoardName;

  @ApiProperty({ minLength: 1, maxLength: POST_TITLE_MAX_LENGTH })
  @trimmed
  @IsString()
  @Length(1, POST_TITLE_MAX_LENGTH, { message: `must be 1 to ${POST_TITLE_MAX_LENGTH} characters long` })
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: POST_BODY_MAX_LENGTH })
  @trimmed
  @IsString()
  @Length(1, POST_BODY_MAX_LENGTH, { message: `must be 1 to ${POST_BODY_MAX_LENGTH} characters long` })
  body!: string;
}

/** The board of a post is fixed once written. */
export class UpdatePostDto extends PartialType(PickType(CreatePostDto, ['title', 'body'] as const)) {}

export class ListPostsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BOARDS, description: 'Both boards when absent' })
  @IsOptional()
  @IsIn(BOARDS, { message: `must be one of ${BOARDS.join(', ')}` })
  board?: BoardName;

  @ApiPropertyOptional({ description: 'Words to find in titles and bodies' })
  @IsOptional()
  @trimmed
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: POST_SORTS, default: 'latest' })
  @IsOptional()
  @IsIn(POST_SORTS, { message: `must be one of ${POST_SORTS.join(', ')}` })
  sort: PostSort = 'latest';

  @ApiPropertyOptional({
    enum: POST_PERIODS,
    description: `With sort=popular: the top ${POPULAR_TOP_LIMIT} (or limit, if smaller) of the period, most liked then most commented; one list, nextCursor always null`,
  })
  @IsOptional()
  @IsIn(POST_PERIODS, { message: `must be one of ${POST_PERIODS.join(', ')}` })
  period?: PostPeriod;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'With board=qna: false for questions without an accepted answer (미답변), true for answered ones',
  })
  @IsOptional()
  @queryBoolean
  @IsBoolean({ message: 'must be true or false' })
  answered?: boolean;
}
