import { NOTIFICATION_READ_MAX_IDS } from '@carebridge/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

export class MarkReadDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: NOTIFICATION_READ_MAX_IDS,
    description: 'The notifications to mark read; leave out to mark every one read',
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of notification ids' })
  @ArrayMaxSize(NOTIFICATION_READ_MAX_IDS, { message: `must name at most ${NOTIFICATION_READ_MAX_IDS} notifications` })
  @IsUUID('all', { each: true, message: 'must be notification ids' })
  ids?: string[];
}
