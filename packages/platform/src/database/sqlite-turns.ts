import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

interface RawSqlite {
  inTransaction: boolean;
  exec(sql: string): void;
}

/** Answered like a full disk (503, retriable): the write is not in the file. */
function uncommitted(): Error {
  return Object.assign(new Error('database or disk is full: the transaction was not committed'), {
    code: 'SQLITE_FULL',
  });
}

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

  const runner = dataSource.driver.createQueryRunner('master');
  const runnerState = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  const connection = () => (dataSource.driver as unknown as { databaseConnection: RawSqlite }).databaseConnection;
  // A COMMIT refused for a full disk ends the transaction inside SQLite, so TypeORM's ROLLBACK then
  // fails and leaves its runner believing a transaction is open: every later transaction would be
  // a savepoint of a transaction nobody commits, acknowledged but never written. Each turn starts
  // from what SQLite really holds, and a transaction SQLite still holds at its end was not committed.
  const settle = () => {
    if (connection().inTransaction) connection().exec('ROLLBACK');
    runnerState.isTransactionActive = false;
    runnerState.transactionDepth = 0;
  };
  const inOwnTurn = async (args: unknown[]) => {
    settle();
    let result: unknown;
    try {
      result = await transaction(...args);
    } catch (error) {
      settle();
      throw error;
    }
    const held = connection().inTransaction;
    settle();
    if (held) throw uncommitted();
    return result;
  };

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) =>
    inTransaction.getStore()
      ? transaction(...args)
      : inTurn(() => inTransaction.run(true, () => inOwnTurn(args)))) as EntityManager['transaction'];

  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) =>
    inTransaction.getStore() ? query(...args) : inTurn(() => query(...args))) as typeof runner.query;
}
