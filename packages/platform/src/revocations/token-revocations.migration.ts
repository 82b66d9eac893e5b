import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../database/migration-columns.js';

/** The table behind `RevocationsModule`; every service that takes writes from members runs it. */
export class TokenRevocations1764100000000 implements MigrationInterface {
  name = 'TokenRevocations1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.createTable(
      new Table({
        name: 'token_revocations',
        columns: [c.varchar('sub', 64, { isPrimary: true }), c.timestamp('not_before')],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('token_revocations', true);
  }
}
