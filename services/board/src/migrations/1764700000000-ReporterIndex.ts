import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** A report's weight reads its reporter's earlier reports (`reporterHistory`): find them by reporter. */
export class ReporterIndex1764700000000 implements MigrationInterface {
  name = 'ReporterIndex1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex(
      'reports',
      new TableIndex({ name: 'idx_reports_reporter', columnNames: ['reporter_sub'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('reports', 'idx_reports_reporter');
  }
}
