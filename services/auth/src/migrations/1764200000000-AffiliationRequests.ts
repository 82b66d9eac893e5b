import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Members' requests to verify their workplace: by a work-email code, or with evidence for an admin. */
export class AffiliationRequests1764200000000 implements MigrationInterface {
  name = 'AffiliationRequests1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.createTable(
      new Table({
        name: 'affiliation_requests',
        columns: [
          c.id(),
          c.varchar('user_id', 36),
          c.varchar('hospital_id', 64),
          c.varchar('method', 12),
          c.varchar('status', 12),
          c.varchar('work_email', 254, { isNullable: true }),
          c.varchar('code_hash', 64, { isNullable: true }),
          c.int('attempts', { default: '0' }),
          c.timestamp('expires_at', { isNullable: true }),
          c.varchar('evidence', 1000, { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('decided_at', { isNullable: true }),
        ],
        indices: [
          { name: 'idx_affiliation_requests_user', columnNames: ['user_id', 'created_at'] },
          { name: 'idx_affiliation_requests_queue', columnNames: ['status', 'created_at', 'id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_affiliation_requests_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('affiliation_requests', true);
  }
}
