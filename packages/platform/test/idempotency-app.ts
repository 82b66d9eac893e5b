import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, HttpCode, Module, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, Length } from 'class-validator';
import { DataSource, type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { type Caller, CurrentCaller, Public } from '../src/auth/index.js';
import { startService } from '../src/bootstrap/start-service.js';
import { loadConfig } from '../src/config/load-config.js';
import { ServiceConfig } from '../src/config/service-config.js';
import { DatabaseModule } from '../src/database/database.module.js';
import type { Dialect } from '../src/database/database-options.js';
import { migrationColumns } from '../src/database/migration-columns.js';
import { createIdempotencyKeysTable, IdempotencyModule } from '../src/idempotency/index.js';
import { PlatformModule } from '../src/platform.module.js';

class NoteDto {
  @IsString()
  @Length(1, 40)
  title!: string;
}

class Notes1700000000000 implements MigrationInterface {
  name = 'Notes1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.createTable(
      new Table({ name: 'notes', columns: [c.id(), c.varchar('author', 64), c.varchar('title', 40)] }),
    );
    await createIdempotencyKeysTable(runner);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('notes');
  }
}

/** Writes one row per request; `?slowMs=` holds the answer back, `?fail=1` fails after validation. */
@Controller('notes')
class NotesController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Post()
  @HttpCode(201)
  async create(
    @CurrentCaller() caller: Caller,
    @Body() dto: NoteDto,
    @Query('slowMs') slowMs?: string,
    @Query('fail') fail?: string,
  ) {
    if (fail) throw new Error('failed before writing');
    const id = randomUUID();
    await this.db
      .createQueryBuilder()
      .insert()
      .into('notes', ['id', 'author', 'title'])
      .values({ id, author: caller.sub, title: dto.title })
      .execute();
    if (slowMs) await sleep(Number(slowMs));
    return { id, title: dto.title };
  }

  @Public()
  @Post('public')
  @HttpCode(200)
  open(@Body() dto: NoteDto) {
    return { echoed: dto.title, at: randomUUID() };
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

export async function startIdempotencyFixture(
  jwksUrl: string,
  dialect: Dialect,
  db: { url: string | undefined; dataDir: string },
) {
  const config = loadConfig(
    ServiceConfig,
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'fatal',
      DATA_DIR: db.dataDir,
      ...(db.url ? { DATABASE_URL: db.url } : {}),
    },
    'idem',
  );
  return startService(
    {
      module: NotesModule,
      imports: [
        PlatformModule.forRoot({
          service: 'idem',
          config,
          tokens: { jwksUrl, issuer: 'test-issuer', audience: 'test-audience', jwksCooldownMs: 0 },
        }),
        DatabaseModule.forRoot({ dialects: [dialect], entities: [], migrations: [Notes1700000000000] }),
        IdempotencyModule,
      ],
    },
    { apiPrefix: 'api/idem', title: 'idem', description: 'idempotency fixture' },
  );
}
