import type { MyProfile } from '@carebridge/contracts';
import { AllowUnverifiedEmail, type Caller, CurrentCaller } from '@carebridge/platform';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VerifyEmailDto } from './dto/verify-email.dto.js';
import { EmailVerificationService, type VerificationSent } from './email-verification.service.js';

@ApiTags('account')
@ApiBearerAuth()
@AllowUnverifiedEmail()
@Controller('email')
export class EmailVerificationController {
  constructor(private readonly verification: EmailVerificationService) {}

  @Post('verification')
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a 6-digit code to the account address' })
  send(@CurrentCaller() caller: Caller): Promise<VerificationSent> {
    return this.verification.send(caller);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the address with the emailed code' })
  verify(@CurrentCaller() caller: Caller, @Body() dto: VerifyEmailDto): Promise<MyProfile> {
    return this.verification.verify(caller, dto.code);
  }
}
