import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource, type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { type Dialect, databaseOptions } from '../src/database/database-options.js';
import { migrationColumns } from '../src/database/migration-columns.js';
import { type KeysetDirection, keysetAfter, keysetOrder } from '../src/pagination/keyset.js';
import { createTestDatabase, requireDatabaseServer, type TestDatabase } from '../src/testing/test-database.js';

class CreateItems1700000000002 implements MigrationInterface {
  name = 'CreateItems1700000000002';
  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    await runner.createTable(
      new Table({
        name: 'items',
        columns: [c.id(), c.boolean('pinned', false), c.int('score'), c.timestamp('created_at')],
        indices: [{ name: 'idx_items_keyset', columnNames: ['pinned', 'score', 'created_at', 'id'] }],
      }),
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('items');
  }
}

interface Item {
  id: string;
  pinned: boolean;
  score: number;
  created_at: Date;
}

const COLUMNS = ['i.pinned', 'i.score', 'i.created_at', 'i.id'];
// Few distinct values, so every column has ties that the next one must break.
const ITEMS: Item[] = Array.from({ length: 40 }, (_, n) => ({
  id: `item-${String((n * 17) % 40).padStart(2, '0')}`,
  pinned: n % 3 === 0,
  score: n % 4,
  created_at: new Date(Date.UTC(2026, 0, 1 + (n % 5), 12, 0, 0, 250)),
}));

function expectedOrder(directions: readonly KeysetDirection[]): string[] {
  const key = (i: Item): (number | string)[] => [Number(i.pinned), i.score, i.created_at.getTime(), i.id];
  return [...ITEMS]
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++) {
        const sign = directions[i] === 'DESC' ? -1 : 1;
        if (ka[i] !== kb[i]) return (ka[i] as number | string) < (kb[i] as number | string) ? -sign : sign;
      }
      return 0;
    })
    .map((i) => i.id);
}

const same = (direction: KeysetDirection): KeysetDirection[] => COLUMNS.map(() => direction);
/** Every uniform order, and mixed ones as the review sorts use them (score up, newest first within it). */
const ORDERS: KeysetDirection[][] = [
  same('DESC'),
  same('ASC'),
  ['DESC', 'ASC', 'DESC', 'DESC'],
  ['DESC', 'DESC', 'ASC', 'ASC'],
  ['ASC', 'DESC', 'ASC', 'DESC'],
];

const DIALECTS: Dialect[] = ['sqlite', 'mysql', 'mariadb', 'postgres'];

for (const dialect of DIALECTS) {
  describe(`keysetAfter (${dialect})`, async () => {
    const missing = await requireDatabaseServer(dialect, `keyset paging (${dialect})`);
    let db: TestDatabase;
    let source: DataSource;

    before(async () => {
      if (missing) return;
      db = await createTestDatabase(dialect, 'keyset');
      source = new DataSource(
        databaseOptions({
          service: 'keyset',
          url: db.url,
          dataDir: db.dataDir,
          dialects: DIALECTS,
          entities: [],
          migrations: [CreateItems1700000000002],
        }),
      );
      await source.initialize();
      await source.runMigrations();
      await source.createQueryBuilder().insert().into('items').values(ITEMS).execute();
    });
    after(async () => {
      if (source?.isInitialized) await source.destroy();
      await db?.drop();
    });

    /** Walks the whole list page by page, each page starting after the last row of the one before. */
    async function walk(directions: readonly KeysetDirection[], pageSize: number): Promise<string[]> {
      const seen: string[] = [];
      let last: { id: string } | undefined;
      for (;;) {
        const qb = source.createQueryBuilder().select('i.*').from('items', 'i');
        // The values as the application holds them (drivers hand raw rows back in their own forms).
        const anchor = ITEMS.find((i) => i.id === last?.id);
        if (anchor) keysetAfter(qb, COLUMNS, [anchor.pinned, anchor.score, anchor.created_at, anchor.id], directions);
        keysetOrder(qb, COLUMNS, directions);
        const rows: { id: string }[] = await qb.limit(pageSize).getRawMany();
        if (rows.length === 0) return seen;
        seen.push(...rows.map((r) => r.id));
        last = rows.at(-1);
        if (seen.length > ITEMS.length) return seen;
      }
    }

    for (const directions of ORDERS) {
      it(`pages through ties in ${directions.join('/')} order with no gap or repeat`, { skip: missing }, async () => {
        for (const pageSize of [1, 3, 7]) assert.deepEqual(await walk(directions, pageSize), expectedOrder(directions));
      });
    }

    it('takes one column as well as several', { skip: missing }, async () => {
      const qb = source.createQueryBuilder().select('i.id', 'id').from('items', 'i');
      keysetAfter(qb, ['i.id'], ['item-36'], 'ASC');
      const rows: { id: string }[] = await qb.orderBy('i.id', 'ASC').getRawMany();
      assert.deepEqual(
        rows.map((r) => r.id),
        ['item-37', 'item-38', 'item-39'],
      );
    });
  });
}
