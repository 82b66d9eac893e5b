import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, Headers, HttpCode, Module, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, Length } from 'class-validator';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
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

/**
 * Writes one row per request, in a transaction of its own; `?slowMs=` holds the answer back,
 * `?fail=1` fails after validation. The header `x-after-write` (not part of the request a key
 * stands for) breaks the request once its write's transaction has committed: `throw` fails it,
 * `lose-connection` ends its database connection from outside, as a replica dying does.
 */
@Controller('notes')
class NotesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ServiceConfig,
  ) {}

  @Post()
  @HttpCode(201)
  async create(
    @CurrentCaller() caller: Caller,
    @Body() dto: NoteDto,
    @Query('slowMs') slowMs?: string,
    @Query('fail') fail?: string,
    @Headers('x-after-write') afterWrite?: string,
  ) {
    if (fail) throw new Error('failed before writing');
    const id = randomUUID();
    await this.db.transaction((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into('notes', ['id', 'author', 'title'])
        .values({ id, author: caller.sub, title: dto.title })
        .execute(),
    );
    if (afterWrite === 'throw') throw new Error('failed after writing');
    if (afterWrite === 'lose-connection') await this.loseConnection();
    if (slowMs) await sleep(Number(slowMs));
    return { id, title: dto.title };
  }

  private async loseConnection(): Promise<void> {
    const url = this.config.DATABASE_URL ?? '';
    if (url.startsWith('postgres')) {
      const [{ pid }] = await this.db.query('SELECT pg_backend_pid() AS pid');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]).finally(() => admin.end());
    } else {
      const [{ id }] = await this.db.query('SELECT CONNECTION_ID() AS id');
      const admin = await createConnection(url.replace(/^mariadb:/, 'mysql:'));
      await admin.query(`KILL ${Number(id)}`).finally(() => admin.end());
    }
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
      LOG_LEVEL: process.env.IDEM_LOG ?? 'fatal',
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
