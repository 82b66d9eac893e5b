import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/** Back-off for outbox retries, and the outbox that tells other services to forget a deleted account. */
export class Erasure1763800000000 implements MigrationInterface {
  name = 'Erasure1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.addColumn('mail_outbox', new TableColumn(c.timestamp('next_attempt_at', { isNullable: true })));
    await runner.createTable(
      new Table({
        name: 'erasure_requests',
        columns: [
          c.id(),
          c.varchar('author_sub', 64),
          c.varchar('service_url', 300),
          c.int('attempts', { default: '0' }),
          c.varchar('last_error', 500, { isNullable: true }),
          c.timestamp('claimed_at', { isNullable: true }),
          c.timestamp('next_attempt_at', { isNullable: true }),
          c.timestamp('sent_at', { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [{ name: 'idx_erasure_requests_pending', columnNames: ['sent_at', 'created_at'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('erasure_requests', true);
    await runner.dropColumn('mail_outbox', 'next_attempt_at');
  }
}
