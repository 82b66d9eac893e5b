import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../database/migration-columns.js';

export const IDEMPOTENCY_KEYS_TABLE = 'idempotency_keys';

/** The table behind `IdempotencyModule`. */
export async function createIdempotencyKeysTable(runner: QueryRunner): Promise<void> {
  const c = migrationColumns(runner);
  await runner.createTable(
    new Table({
      name: IDEMPOTENCY_KEYS_TABLE,
      columns: [
        c.varchar('scope', 64, { isPrimary: true }),
        c.varchar('idem_key', 255, { isPrimary: true }),
        c.varchar('fingerprint', 64),
        c.varchar('state', 10),
        { name: 'response_status', type: 'int', isNullable: true },
        c.longText('response_body', { isNullable: true }),
        { name: 'lease_until_ms', type: 'bigint' },
        { name: 'expires_at_ms', type: 'bigint' },
      ],
      indices: [{ name: 'idx_idempotency_keys_expiry', columnNames: ['expires_at_ms'] }],
    }),
  );
}

export async function dropIdempotencyKeysTable(runner: QueryRunner): Promise<void> {
  await runner.dropTable(IDEMPOTENCY_KEYS_TABLE, true);
}

/** The migration each service lists (as with `TokenRevocations1764100000000`) for `IdempotencyModule`. */
export class IdempotencyKeys1764800000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await createIdempotencyKeysTable(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropIdempotencyKeysTable(runner);
  }
}
