import {
  AFFILIATION_DECISIONS,
  AFFILIATION_EVIDENCE_MAX_LENGTH,
  AFFILIATION_STATUSES,
  type AffiliationDecision,
  type AffiliationStatus,
} from '@carebridge/contracts';
import { PageQuery } from '@carebridge/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { EmailField } from '../users/dto/credentials.js';

export class WorkEmailDto {
  @EmailField()
  email!: string;
}

export class EvidenceRequestDto {
  @ApiProperty({
    minLength: 10,
    maxLength: AFFILIATION_EVIDENCE_MAX_LENGTH,
    description: 'What an admin can check: department, staff number, a link to a staff directory…',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(10)
  @MaxLength(AFFILIATION_EVIDENCE_MAX_LENGTH)
  evidence!: string;
}

export class AffiliationDecisionDto {
  @ApiProperty({ enum: AFFILIATION_DECISIONS })
  @IsIn(AFFILIATION_DECISIONS, { message: `must be one of ${AFFILIATION_DECISIONS.join(', ')}` })
  decision!: AffiliationDecision;
}

export class AffiliationQueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AFFILIATION_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(AFFILIATION_STATUSES, { message: `must be one of ${AFFILIATION_STATUSES.join(', ')}` })
  status: AffiliationStatus = 'pending';
}
