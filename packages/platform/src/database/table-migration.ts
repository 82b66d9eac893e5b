import { type MigrationInterface, type QueryRunner, Table, type TableOptions } from 'typeorm';
import { migrationColumns } from './migration-columns.js';

export type MigrationColumns = ReturnType<typeof migrationColumns>;

/**
 * A migration that creates one table (and drops it on the way down), for the tables the platform
 * itself owns in every service that uses them. `name` ends in the migration's epoch, as TypeORM orders by it.
 */
export function tableMigration(
  name: string,
  table: (c: MigrationColumns) => TableOptions,
): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = name;

    async up(runner: QueryRunner): Promise<void> {
      await runner.createTable(new Table(table(migrationColumns(runner))));
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.dropTable(table(migrationColumns(runner)).name, true);
    }
  };
}
