import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { type Dialect, databaseOptions } from '../src/database/database-options.js';
import { migrationColumns } from '../src/database/migration-columns.js';
import { runMigrationsWithLock } from '../src/database/migration-lock.js';
import { createTestDatabase, requireDatabaseServer, type TestDatabase } from '../src/testing/test-database.js';

class CreateProbe1700000000000 implements MigrationInterface {
  name = 'CreateProbe1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.createTable(new Table({ name: 'probe', columns: [c.id(), c.timestamp('created_at')] }));
    // Long enough that unlocked replicas would overlap here.
    await sleep(200);
    await runner.query(`INSERT INTO probe (id, created_at) VALUES ('one', CURRENT_TIMESTAMP)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('probe');
  }
}

const DIALECTS: Dialect[] = ['sqlite', 'mysql', 'mariadb', 'postgres'];

for (const dialect of DIALECTS) {
  describe(`migrations under a lock (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `migration lock (${dialect})`);
    let db: TestDatabase;
    const sources: DataSource[] = [];

    before(async () => {
      if (missing) return;
      db = await createTestDatabase(dialect, 'lock');
    });
    after(async () => {
      await Promise.all(sources.filter((s) => s.isInitialized).map((s) => s.destroy()));
      await db?.drop();
    });

    it('applies each migration exactly once when three replicas start together', { skip: missing }, async () => {
      for (let i = 0; i < 3; i++) {
        sources.push(
          new DataSource(
            databaseOptions({
              service: 'lock',
              url: db.url,
              dataDir: db.dataDir,
              dialects: DIALECTS,
              entities: [],
              migrations: [CreateProbe1700000000000],
            }),
          ),
        );
      }
      await Promise.all(sources.map((s) => s.initialize()));
      const applied = await Promise.all(sources.map((s) => runMigrationsWithLock(s, 'carebridge:lock:test')));
      assert.deepEqual(applied.map((list) => list.length).sort(), [0, 0, 1]);
      const [{ n }] = await (sources[0] as DataSource).query('SELECT COUNT(*) AS n FROM probe');
      assert.equal(Number(n), 1);
      const [{ m }] = await (sources[0] as DataSource).query('SELECT COUNT(*) AS m FROM schema_migrations');
      assert.equal(Number(m), 1);
    });
  });
}
