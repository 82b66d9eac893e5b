import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Reports carry the weight of their reporter's standing, and cases the sum; posts and comments
 * keep a fingerprint of their text so an author cannot re-post what moderators hid. Reports made
 * before this weigh 0: their reporters' standing was never recorded.
 */
export class WeighedReports1764600000000 implements MigrationInterface {
  name = 'WeighedReports1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.addColumn('reports', new TableColumn(c.int('weight', { default: '0' })));
    await runner.addColumn('moderation_cases', new TableColumn(c.int('report_weight', { default: '0' })));
    for (const table of ['posts', 'comments']) {
      await runner.addColumn(table, new TableColumn(c.varchar('content_hash', 64, { isNullable: true })));
      await runner.createIndex(
        table,
        new TableIndex({ name: `idx_${table}_author_content`, columnNames: ['author_sub', 'content_hash'] }),
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['comments', 'posts']) {
      await runner.dropIndex(table, `idx_${table}_author_content`);
      await runner.dropColumn(table, 'content_hash');
    }
    await runner.dropColumn('moderation_cases', 'report_weight');
    await runner.dropColumn('reports', 'weight');
  }
}
