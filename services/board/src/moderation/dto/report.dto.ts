import {
  REPORT_ACTIONS,
  REPORT_DETAIL_MAX_LENGTH,
  REPORT_REASONS,
  type ReportAction,
  type ReportReason,
  type ReportStatus,
} from '@carebridge/contracts';
import { PageQuery } from '@carebridge/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateReportDto {
  @ApiProperty({ enum: REPORT_REASONS })
  @IsIn(REPORT_REASONS, { message: `must be one of ${REPORT_REASONS.join(', ')}` })
  reason!: ReportReason;

  @ApiPropertyOptional({ maxLength: REPORT_DETAIL_MAX_LENGTH })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(REPORT_DETAIL_MAX_LENGTH)
  detail?: string;
}

export class ResolveReportDto {
  @ApiProperty({ enum: REPORT_ACTIONS })
  @IsIn(REPORT_ACTIONS, { message: `must be one of ${REPORT_ACTIONS.join(', ')}` })
  action!: ReportAction;
}

export class ReportQueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status: ReportStatus = 'open';
}
