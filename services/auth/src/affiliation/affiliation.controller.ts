import type {
  AdminAffiliationRequest,
  AffiliationRequestView,
  MyAffiliation,
  MyProfile,
  Page,
} from '@carebridge/contracts';
import { type Caller, CurrentCaller, Roles, UuidPipe } from '@carebridge/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VerifyEmailDto } from '../email-verification/dto/verify-email.dto.js';
import { AffiliationDecisionDto, AffiliationQueueQuery, EvidenceRequestDto, WorkEmailDto } from './affiliation.dto.js';
import { AffiliationService, type WorkEmailSent } from './affiliation.service.js';

@ApiTags('account')
@ApiBearerAuth()
@Controller('me/affiliation')
export class AffiliationController {
  constructor(private readonly affiliation: AffiliationService) {}

  @Get()
  @ApiOperation({ summary: 'The latest affiliation request for the current workplace' })
  mine(@CurrentCaller() caller: Caller): Promise<MyAffiliation> {
    return this.affiliation.mine(caller);
  }

  @Post('work-email')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a code to a work address at a domain the workplace registered' })
  sendCode(@CurrentCaller() caller: Caller, @Body() dto: WorkEmailDto): Promise<WorkEmailSent> {
    return this.affiliation.sendWorkEmailCode(caller, dto.email);
  }

  @Post('work-email/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the work address with the mailed code: the member becomes a verified insider' })
  verify(@CurrentCaller() caller: Caller, @Body() dto: VerifyEmailDto): Promise<MyProfile> {
    return this.affiliation.verifyWorkEmail(caller, dto.code);
  }

  @Post('requests')
  @ApiOperation({ summary: 'Ask an admin to verify the workplace, with evidence text' })
  request(@CurrentCaller() caller: Caller, @Body() dto: EvidenceRequestDto): Promise<AffiliationRequestView> {
    return this.affiliation.requestReview(caller, dto.evidence);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/affiliation-requests')
export class AffiliationAdminController {
  constructor(private readonly affiliation: AffiliationService) {}

  @Get()
  @ApiOperation({ summary: 'Affiliation requests with evidence, newest first' })
  queue(@Query() query: AffiliationQueueQuery): Promise<Page<AdminAffiliationRequest>> {
    return this.affiliation.queue(query);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve (the member becomes a verified insider) or reject a request' })
  decide(@Param('id', UuidPipe) id: string, @Body() dto: AffiliationDecisionDto): Promise<AffiliationRequestView> {
    return this.affiliation.decide(id, dto.decision);
  }
}
