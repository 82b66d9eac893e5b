import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsISO8601, IsString, Length } from 'class-validator';
import { Internal } from '../auth/internal.decorator.js';
import { RevocationStore } from './revocation-list.js';

export class RevocationNotice {
  @IsString()
  @Length(1, 64)
  sub!: string;

  /** ISO 8601 date-time: tokens of `sub` issued before it may write nothing. */
  @IsISO8601({ strict: true })
  notBefore!: string;
}

/** Called by the auth service (through its outbox) when an account's tokens must stop writing. */
@ApiExcludeController()
@Controller('internal/revocations')
export class RevocationsController {
  constructor(private readonly store: RevocationStore) {}

  @Internal()
  @Post()
  @HttpCode(204)
  async record(@Body() notice: RevocationNotice): Promise<void> {
    await this.store.record(notice.sub, new Date(notice.notBefore));
  }
}
