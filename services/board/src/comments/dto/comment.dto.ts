import { COMMENT_BODY_MAX_LENGTH } from '@carebridge/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

const trimmed = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class UpdateCommentDto {
  @ApiProperty({ minLength: 1, maxLength: COMMENT_BODY_MAX_LENGTH })
  @trimmed
  @IsString()
  @Length(1, COMMENT_BODY_MAX_LENGTH, { message: `must be 1 to ${COMMENT_BODY_MAX_LENGTH} characters long` })
  body!: string;
}

export class CreateCommentDto extends UpdateCommentDto {
  @ApiPropertyOptional({ description: 'The top-level comment this replies to' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a comment' })
  parentId?: string;
}

export class AcceptAnswerDto {
  @ApiProperty()
  @IsUUID('all', { message: 'must be the id of a comment' })
  commentId!: string;
}
