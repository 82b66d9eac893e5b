import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Sqlite from 'better-sqlite3';
import { DataSource, type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { databaseOptions } from '../src/database/database-options.js';
import { migrationColumns } from '../src/database/migration-columns.js';
import { takeTurnsOnSqlite } from '../src/database/sqlite-turns.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/test-database.js';

class Notes1700000000001 implements MigrationInterface {
  name = 'Notes1700000000001';
  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.createTable(new Table({ name: 'notes', columns: [c.id(), c.varchar('origin', 20)] }));
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('notes');
  }
}

async function scenario(dataSource: DataSource) {
  const insert = (id: string, origin: string, manager = dataSource.manager) =>
    manager.query('INSERT INTO notes (id, origin) VALUES (?, ?)', [id, origin]);
  const work = Array.from({ length: 12 }, (_, i) => [
    dataSource
      .transaction(async (tx) => {
        await insert(`tx-${i}`, 'transaction', tx);
        await new Promise((r) => setTimeout(r, 5));
        if (i % 2 === 1) throw new Error('rolled back on purpose');
      })
      .then(
        () => 'committed',
        (e: Error) => e.message,
      ),
    insert(`plain-${i}`, 'plain').then(() => 'inserted'),
  ]).flat();
  const outcomes = await Promise.all(work);
  const rows: { id: string }[] = await dataSource.query('SELECT id FROM notes ORDER BY id');
  return { outcomes, ids: rows.map((r) => r.id) };
}

describe('SQLite: concurrent transactions and statements take turns', () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];
  before(async () => {
    db = await createTestDatabase('sqlite', 'turns');
  });
  after(async () => {
    await Promise.all(sources.filter((s) => s.isInitialized).map((s) => s.destroy()));
    await db.drop();
  });

  const open = async (name: string) => {
    const options = databaseOptions({
      service: name,
      url: undefined,
      dataDir: db.dataDir,
      dialects: ['sqlite'],
      entities: [],
      migrations: [Notes1700000000001],
    });
    const source = new DataSource(options);
    sources.push(source);
    await source.initialize();
    await source.runMigrations();
    return source;
  };

  it('keeps every committed write and loses no write to another caller’s rollback', async () => {
    const source = await open('with-turns');
    takeTurnsOnSqlite(source);
    const { outcomes, ids } = await scenario(source);
    assert.equal(outcomes.filter((o) => o === 'committed').length, 6);
    assert.equal(outcomes.filter((o) => o === 'rolled back on purpose').length, 6);
    const expected = [
      ...Array.from({ length: 12 }, (_, i) => `plain-${i}`),
      ...Array.from({ length: 12 }, (_, i) => i)
        .filter((i) => i % 2 === 0)
        .map((i) => `tx-${i}`),
    ].sort();
    assert.deepEqual(ids, expected);
  });

  it('commits for real after SQLite itself ended a transaction (a COMMIT refused for a full disk)', async () => {
    const source = await open('after-full');
    takeTurnsOnSqlite(source);
    const raw = (source.driver as unknown as { databaseConnection: { exec(sql: string): void } }).databaseConnection;
    const insert = (id: string, manager = source.manager) =>
      manager.query('INSERT INTO notes (id, origin) VALUES (?, ?)', [id, 'after-full']);
    // SQLite rolls the transaction back on SQLITE_FULL: TypeORM's own ROLLBACK then fails.
    await assert.rejects(
      source.transaction(async (tx) => {
        await insert('full-1', tx);
        raw.exec('ROLLBACK');
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }),
      /disk is full/,
    );
    // An ordinary failure next, then a write that must reach the file.
    await assert.rejects(
      source.transaction(async (tx) => {
        await insert('refused', tx);
        throw new Error('refused on purpose');
      }),
      /refused on purpose/,
    );
    await source.transaction((tx) => insert('kept', tx));
    // Another connection (another replica, the fault suite's checker) sees what was acknowledged.
    const reader = new Sqlite(source.options.database as string, { readonly: true });
    try {
      const ids = (reader.prepare("SELECT id FROM notes WHERE origin = 'after-full'").all() as { id: string }[]).map(
        (r) => r.id,
      );
      assert.deepEqual(ids, ['kept']);
    } finally {
      reader.close();
    }
  });

  it('is needed: without it the same work loses or corrupts writes', async () => {
    const source = await open('without-turns');
    const { outcomes, ids } = await scenario(source);
    const plainKept = ids.filter((id) => id.startsWith('plain-')).length;
    const cleanFailures = outcomes.filter((o) => o === 'rolled back on purpose').length;
    assert.ok(
      plainKept < 12 ||
        cleanFailures !== 6 ||
        outcomes.some((o) => !['committed', 'inserted', 'rolled back on purpose'].includes(o)),
      JSON.stringify({ outcomes, ids }),
    );
  });
});
