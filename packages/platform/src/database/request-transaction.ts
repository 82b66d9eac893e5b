import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

interface Shared {
  runner: QueryRunner;
  open: boolean;
  committed: (() => void)[];
}

const shared = new AsyncLocalStorage<Shared>();
const SHARING = Symbol('carebridge:request-transaction');

/**
 * Runs `work` with every statement of its async context — repositories, query builders,
 * `dataSource.query`, and `dataSource.transaction`, which becomes a savepoint — on `manager`'s
 * connection, inside its transaction. So code written as several transactions and plain statements
 * commits as one, and sees its own uncommitted rows. Once `work` is over, late callbacks it left
 * behind get connections of their own again. What `work` hands to `afterCommit` is added to
 * `committed`, for the caller to run once the transaction has committed.
 */
export async function sharingTransaction<T>(
  dataSource: DataSource,
  manager: EntityManager,
  committed: (() => void)[],
  work: () => Promise<T>,
): Promise<T> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('sharingTransaction needs the manager of a transaction');
  lendSharedRunner(dataSource);
  const state: Shared = { runner, open: true, committed };
  try {
    return await shared.run(state, work);
  } finally {
    state.open = false;
  }
}

/** Whether the caller runs inside `sharingTransaction` (its transactions are savepoints). */
export function inSharedTransaction(): boolean {
  return shared.getStore()?.open === true;
}

/**
 * Runs `then` once what the caller wrote is committed: now, or inside `sharingTransaction` when
 * that transaction commits (never, when it rolls back). For work that must see the commit, such
 * as an outbox's delivery.
 */
export function afterCommit(then: () => void): void {
  const state = shared.getStore();
  if (state?.open) state.committed.push(then);
  else then();
}

function lendSharedRunner(dataSource: DataSource): void {
  const marked = dataSource as DataSource & { [SHARING]?: true };
  if (marked[SHARING]) return;
  marked[SHARING] = true;
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = ((mode?: 'master' | 'slave') => {
    const state = shared.getStore();
    return state?.open ? borrowed(state.runner) : create(mode);
  }) as DataSource['createQueryRunner'];
}

/** The shared runner as TypeORM's callers see it: they release what they asked for, the owner releases it. */
function borrowed(runner: QueryRunner): QueryRunner {
  return new Proxy(runner, {
    get(target, property) {
      if (property === 'release') return async () => undefined;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
