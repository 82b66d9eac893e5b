import type { MyProfile } from '@carebridge/contracts';
import { type Caller, CurrentCaller, Public } from '@carebridge/platform';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
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
  @ApiOperation({ summary: 'Create a member account' })
  signup(@Body() dto: SignupDto): Promise<MyProfile> {
    return this.users.signup(dto);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: "The caller's own profile (the only place the email is shown)" })
  me(@CurrentCaller() caller: Caller): Promise<MyProfile> {
    return this.users.profile(caller);
  }

  @ApiBearerAuth()
  @Patch('me')
  @ApiOperation({ summary: 'Change nickname, workplace, job category or password' })
  update(@CurrentCaller() caller: Caller, @Body() dto: UpdateMeDto, @Req() req: Request): Promise<MyProfile> {
    return this.users.updateMe(caller, dto, readRefreshCookie(req));
  }

  @ApiBearerAuth()
  @Delete('me')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the account and its personal data (password required)' })
  async remove(
    @CurrentCaller() caller: Caller,
    @Body() dto: DeleteMeDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.users.deleteMe(caller, dto);
    clearRefreshCookie(res, this.config);
  }
}
