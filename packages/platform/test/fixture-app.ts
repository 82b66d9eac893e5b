import { setTimeout as sleep } from 'node:timers/promises';
import type { ProblemKey } from '@carebridge/contracts';
import { Body, Controller, Delete, Get, Module, Param, Post, Query } from '@nestjs/common';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { type Caller, CurrentCaller, Internal, Public, Roles } from '../src/auth/index.js';
import { startService } from '../src/bootstrap/start-service.js';
import { loadConfig } from '../src/config/load-config.js';
import { ServiceConfig } from '../src/config/service-config.js';
import { ProblemException } from '../src/errors/problem.exception.js';
import { PageQuery } from '../src/pagination/cursor.js';
import { PlatformModule } from '../src/platform.module.js';

class CreateNoteDto {
  @IsString()
  @Length(1, 10)
  title!: string;

  @IsInt()
  @Min(1)
  @Max(5)
  stars!: number;
}

@Controller('notes')
class NotesController {
  @Public()
  @Get('public')
  open(@CurrentCaller() caller: Caller | undefined) {
    return { caller: caller ?? null };
  }

  @Get('private')
  closed(@CurrentCaller() caller: Caller) {
    return { caller };
  }

  @Roles('admin')
  @Get('admin')
  admin() {
    return { ok: true };
  }

  @Post()
  create(@Body() dto: CreateNoteDto) {
    return dto;
  }

  @Public()
  @Get('slow')
  async slow(@Query('ms') ms: string) {
    await sleep(Number(ms));
    return { waited: Number(ms) };
  }

  @Public()
  @Get('page')
  page(@Query() query: PageQuery) {
    return query;
  }

  @Public()
  @Get('conflict')
  conflict() {
    // A key outside the contract: the filter passes any key through as it is.
    throw ProblemException.conflict('DEMO.TAKEN' as ProblemKey, 'Already taken.', 'title');
  }

  @Public()
  @Get('boom')
  boom() {
    throw new Error('secret internal detail');
  }
}

@Controller('internal/authors')
class InternalController {
  @Internal()
  @Delete(':sub')
  forget(@Param('sub') sub: string) {
    return { forgotten: sub };
  }
}

@Module({ controllers: [NotesController, InternalController] })
class NotesModule {}

export async function startFixture(jwksUrl: string, env: Record<string, string> = {}, keyServerCheckMs?: number) {
  const config = loadConfig(
    ServiceConfig,
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'fatal', INTERNAL_API_TOKEN: 'internal-secret-for-tests', ...env },
    'demo',
  );
  return startService(
    {
      module: NotesModule,
      imports: [
        PlatformModule.forRoot({
          service: 'demo',
          config,
          tokens: {
            jwksUrl,
            issuer: 'test-issuer',
            audience: 'test-audience',
            jwksCooldownMs: 0,
            ...(keyServerCheckMs === undefined ? {} : { keyServerCheckMs }),
          },
        }),
      ],
    },
    { apiPrefix: 'api/demo', title: 'demo', description: 'platform fixture' },
  );
}
