import type { MyProfile, SignupAccepted } from '@carebridge/contracts';
import { AllowUnverifiedEmail, type Caller, CurrentCaller, Public } from '@carebridge/platform';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthConfig } from '../config.js';
import { DeleteMeDto } from './dto/delete-me.dto.js';
import { SignupDto } from './dto/signup.dto.js';
import { UpdateMeDto } from './dto/update-me.dto.js';
import { clearRefreshCookie, readRefreshCookie } from './refresh-cookie.js';
import { UsersService } from './users.service.js';

@ApiTags('account')
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly config: AuthConfig,
  ) {}

  @Public()
  @Post('signup')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Create a member account; the email gets a 6-digit code (same answer if the email is taken)',
  })
  signup(@Body() dto: SignupDto, @Req() req: FastifyRequest): Promise<SignupAccepted> {
    return this.users.signup(dto, req.ip ?? 'unknown');
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: "The caller's own profile (the only place the email is shown)" })
  me(@CurrentCaller() caller: Caller): Promise<MyProfile> {
    return this.users.profile(caller);
  }

  @ApiBearerAuth()
  @AllowUnverifiedEmail()
  @Patch('me')
  @ApiOperation({ summary: 'Change nickname, workplace, job category or password' })
  update(@CurrentCaller() caller: Caller, @Body() dto: UpdateMeDto, @Req() req: FastifyRequest): Promise<MyProfile> {
    return this.users.updateMe(caller, dto, readRefreshCookie(req));
  }

  @ApiBearerAuth()
  @AllowUnverifiedEmail()
  @Delete('me')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the account and its personal data (password required)' })
  async remove(
    @CurrentCaller() caller: Caller,
    @Body() dto: DeleteMeDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<void> {
    await this.users.deleteMe(caller, dto);
    clearRefreshCookie(res, this.config);
  }
}
