import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, Migration } from 'typeorm';

const LOCK_WAIT_SECONDS = 120;
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Runs pending migrations while holding a database-wide lock, so that replicas starting at the same
 * moment apply each migration exactly once: MySQL/MariaDB `GET_LOCK`, PostgreSQL advisory lock,
 * and for the embedded SQLite file an exclusive lock file beside it.
 */
export async function runMigrationsWithLock(dataSource: DataSource, lockName: string): Promise<Migration[]> {
  const run = () => dataSource.runMigrations({ transaction: 'each' });
  switch (dataSource.options.type) {
    case 'mysql':
    case 'mariadb':
      return withSessionLock(
        dataSource,
        async (q) => {
          const [row] = await q('SELECT GET_LOCK(?, ?) AS acquired', [lockName, LOCK_WAIT_SECONDS]);
          if (Number(row?.acquired) !== 1) throw new Error(`could not take migration lock ${lockName}`);
        },
        (q) => q('SELECT RELEASE_LOCK(?)', [lockName]),
        run,
      );
    case 'postgres':
      return withSessionLock(
        dataSource,
        (q) => q('SELECT pg_advisory_lock(hashtext($1))', [lockName]),
        (q) => q('SELECT pg_advisory_unlock(hashtext($1))', [lockName]),
        run,
      );
    case 'better-sqlite3':
      return withLockFile(`${dataSource.options.database}.migrate.lock`, run);
    default:
      throw new Error(`no migration lock for ${dataSource.options.type}`);
  }
}

type Query = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

async function withSessionLock<T>(
  dataSource: DataSource,
  acquire: (q: Query) => Promise<unknown>,
  release: (q: Query) => Promise<unknown>,
  body: () => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const q: Query = (sql, params) => runner.query(sql, params);
  try {
    await acquire(q);
    try {
      return await body();
    } finally {
      await release(q);
    }
  } finally {
    await runner.release();
  }
}

async function withLockFile<T>(path: string, body: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_SECONDS * 1000;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockIsStale(path)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`could not take migration lock ${path}`);
      await sleep(50);
    }
  }
  try {
    return await body();
  } finally {
    rmSync(path, { force: true });
  }
}

function lockIsStale(path: string): boolean {
  try {
    const pid = Number(readFileSync(path, 'utf8'));
    if (Date.now() - statSync(path).mtimeMs > STALE_LOCK_MS) return true;
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
