import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isUniqueViolation } from './database-errors.js';
import { databaseOptions, dialectOf, UnsupportedDatabaseError } from './database-options.js';

const base = { service: 'demo', dataDir: mkdtempSync(join(tmpdir(), 'cb-opts-')), entities: [], migrations: [] };

describe('databaseOptions', () => {
  it('maps URL schemes to dialects', () => {
    assert.equal(dialectOf(undefined), 'sqlite');
    assert.equal(dialectOf('mysql://root@db/auth'), 'mysql');
    assert.equal(dialectOf('mariadb://root@db/board'), 'mariadb');
    assert.equal(dialectOf('postgresql://u@db/h'), 'postgres');
    assert.throws(() => dialectOf('mongodb://x'), UnsupportedDatabaseError);
  });

  it('uses an embedded SQLite file under the data folder when no URL is set', () => {
    const options = databaseOptions({ ...base, url: undefined, dialects: ['mysql', 'sqlite'] });
    assert.equal(options.type, 'better-sqlite3');
    assert.equal((options as { database: string }).database, join(base.dataDir, 'demo.sqlite'));
    assert.equal(options.synchronize, false);
  });

  it('keeps MySQL connections in UTC and utf8mb4', () => {
    const options = databaseOptions({ ...base, url: 'mysql://root@127.0.0.1/auth', dialects: ['mysql', 'sqlite'] });
    assert.equal(options.type, 'mysql');
    assert.equal((options as { timezone: string }).timezone, 'Z');
    assert.match((options as { charset: string }).charset, /^utf8mb4/);
  });

  it('refuses a dialect the service does not support', () => {
    assert.throws(
      () => databaseOptions({ ...base, url: 'postgres://u@db/x', dialects: ['mysql', 'sqlite'] }),
      /supports mysql, sqlite databases, not postgres/,
    );
  });
});

describe('isUniqueViolation', () => {
  it('recognises each driver’s duplicate-key error', () => {
    assert.ok(isUniqueViolation({ driverError: { code: 'ER_DUP_ENTRY', errno: 1062 } }));
    assert.ok(isUniqueViolation({ code: '23505' }));
    assert.ok(isUniqueViolation({ driverError: { code: 'SQLITE_CONSTRAINT_UNIQUE' } }));
    assert.ok(!isUniqueViolation({ code: 'ER_NO_SUCH_TABLE' }));
    assert.ok(!isUniqueViolation(new Error('x')));
  });
});
