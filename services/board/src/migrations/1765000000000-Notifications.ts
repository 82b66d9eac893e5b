import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** In-app notifications: a member's list is read newest first, and unread ones are counted. */
export class Notifications1765000000000 implements MigrationInterface {
  name = 'Notifications1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          c.id(),
          c.varchar('recipient_sub', 64),
          c.varchar('kind', 24),
          c.varchar('post_id', 36),
          c.varchar('comment_id', 36, { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('read_at', { isNullable: true }),
        ],
        indices: [{ name: 'idx_notifications_latest', columnNames: ['recipient_sub', 'created_at', 'id'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('notifications', true);
  }
}
