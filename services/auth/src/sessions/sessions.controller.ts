import type { SessionResponse } from '@carebridge/contracts';
import { AllowUnverifiedEmail, type Caller, CurrentCaller, Public } from '@carebridge/platform';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthConfig } from '../config.js';
import { clearRefreshCookie, readRefreshCookie, writeRefreshCookie } from '../users/refresh-cookie.js';
import { LoginDto } from './dto/login.dto.js';
import { type IssuedSession, SessionsService } from './sessions.service.js';

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly config: AuthConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: an access token in the body, a refresh token in an httpOnly cookie' })
  async login(
    @Body() dto: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SessionResponse> {
    return this.respond(res, await this.sessions.login(dto, req.ip ?? 'unknown'));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token for the refresh cookie, which is rotated' })
  async refresh(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<SessionResponse> {
    try {
      return this.respond(res, await this.sessions.refresh(readRefreshCookie(req)));
    } catch (error) {
      clearRefreshCookie(res, this.config);
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of the refresh cookie' })
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<void> {
    await this.sessions.logout(readRefreshCookie(req));
    clearRefreshCookie(res, this.config);
  }

  @ApiBearerAuth()
  @AllowUnverifiedEmail()
  @Post('logout/all')
  @HttpCode(204)
  @ApiOperation({ summary: 'End every session of the account; its access tokens stop writing everywhere' })
  async logoutAll(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: FastifyReply): Promise<void> {
    await this.sessions.logoutEverywhere(caller.sub);
    clearRefreshCookie(res, this.config);
  }

  private respond(res: FastifyReply, session: IssuedSession): SessionResponse {
    writeRefreshCookie(res, session.refreshToken, this.config);
    res.header('Cache-Control', 'no-store');
    return session.body;
  }
}
