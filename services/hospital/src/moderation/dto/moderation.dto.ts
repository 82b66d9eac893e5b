import {
  REPORT_ACTIONS,
  REPORT_DETAIL_MAX_LENGTH,
  REPORT_REASONS,
  type ReportAction,
  type ReportReason,
  type ReportRequest,
  type ReportStatus,
} from '@carebridge/contracts';
import { PageQuery } from '@carebridge/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ReportDto implements ReportRequest {
  @ApiProperty({ enum: REPORT_REASONS })
  @IsIn(REPORT_REASONS, { message: `must be one of ${REPORT_REASONS.join(', ')}` })
  reason!: ReportReason;

  @ApiPropertyOptional({ maxLength: REPORT_DETAIL_MAX_LENGTH })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  @IsString()
  @MaxLength(REPORT_DETAIL_MAX_LENGTH)
  detail?: string;
}

export class ResolveDto {
  @ApiProperty({ enum: REPORT_ACTIONS, description: 'hide: keep the review hidden; restore and dismiss: show it' })
  @IsIn(REPORT_ACTIONS, { message: `must be one of ${REPORT_ACTIONS.join(', ')}` })
  action!: ReportAction;
}

export const REPORT_STATUSES: ReportStatus[] = ['open', 'resolved'];

export class ListReportsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REPORT_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(REPORT_STATUSES, { message: 'must be open or resolved' })
  status: ReportStatus = 'open';
}
