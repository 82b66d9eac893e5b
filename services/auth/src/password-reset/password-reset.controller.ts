import { Public } from '@carebridge/platform';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PasswordResetDto, PasswordResetRequestDto } from './password-reset.dto.js';
import { PasswordResetService, type ResetRequested } from './password-reset.service.js';

@ApiTags('account')
@Public()
@Controller('password')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Post('reset-request')
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a single-use code for a new password (same answer for any address)' })
  request(@Body() dto: PasswordResetRequestDto, @Req() req: FastifyRequest): Promise<ResetRequested> {
    return this.resets.request(dto.email, req.ip ?? 'unknown');
  }

  @Post('reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the emailed code; every session ends' })
  async reset(@Body() dto: PasswordResetDto, @Req() req: FastifyRequest): Promise<void> {
    await this.resets.reset(dto, req.ip ?? 'unknown');
  }
}
