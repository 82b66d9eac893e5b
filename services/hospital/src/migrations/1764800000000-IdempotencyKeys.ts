import { createIdempotencyKeysTable, dropIdempotencyKeysTable } from '@carebridge/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The keys behind `Idempotency-Key` on every POST (`IdempotencyModule`); each lives a day. */
export class IdempotencyKeys1764800000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await createIdempotencyKeysTable(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropIdempotencyKeysTable(runner);
  }
}
