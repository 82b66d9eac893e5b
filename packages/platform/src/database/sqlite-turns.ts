import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * TypeORM gives every caller the same SQLite connection and query runner, so two concurrent
 * transactions nest (the second becomes a savepoint of the first) and a statement issued meanwhile
 * joins someone else's transaction — and is rolled back with it. On the embedded store, make them
 * take turns: a transaction holds the connection for its whole life, any other statement for one
 * statement; statements inside a transaction (known by async context) go straight through.
 * Other databases have a real pool and real isolation, and are left alone.
 */
const TAKING_TURNS = Symbol('carebridge:sqlite-turns');

export function takeTurnsOnSqlite(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const marked = dataSource as DataSource & { [TAKING_TURNS]?: true };
  if (marked[TAKING_TURNS]) return;
  marked[TAKING_TURNS] = true;
  const inTransaction = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) =>
    inTransaction.getStore()
      ? transaction(...args)
      : inTurn(() => inTransaction.run(true, () => transaction(...args)))) as EntityManager['transaction'];

  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) =>
    inTransaction.getStore() ? query(...args) : inTurn(() => query(...args))) as typeof runner.query;
}
