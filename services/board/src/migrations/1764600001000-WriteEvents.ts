import { migrationColumns, WRITE_EVENTS_TABLE } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The log behind per-member write limits (`SqlWriteLog`), shared by every replica. Rows live a day
 * at most: the longest limit window.
 */
export class WriteEvents1764600001000 implements MigrationInterface {
  name = 'WriteEvents1764600001000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.createTable(
      new Table({
        name: WRITE_EVENTS_TABLE,
        columns: [c.id(), c.varchar('event_key', 120), { name: 'at_ms', type: 'bigint' }],
        indices: [
          { name: 'idx_write_events_key', columnNames: ['event_key', 'at_ms'] },
          { name: 'idx_write_events_at', columnNames: ['at_ms'] },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable(WRITE_EVENTS_TABLE, true);
  }
}
