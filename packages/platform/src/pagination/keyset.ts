import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export type KeysetValue = string | number | boolean | Date;
export type KeysetDirection = 'ASC' | 'DESC';
/** One direction for every column, or one per column (`['DESC', 'ASC', 'DESC']`). */
export type KeysetDirections = KeysetDirection | readonly KeysetDirection[];

interface Run {
  columns: string[];
  refs: string[];
  op: '<' | '>';
}

/**
 * The keyset condition "after this row" for a list ordered by `columns`, each in its direction:
 * a `DESC` column continues below the row's value, an `ASC` one above it.
 *
 * PostgreSQL and SQLite compare row values and walk a composite index with them, so a run of
 * columns sharing a direction becomes one row comparison (all of them, when the directions agree).
 * MySQL and MariaDB do not turn a row-value inequality into an index range, so there every column
 * is spelled out. Whenever the condition is a chain, it is led by a bound on its first run that a
 * range scan can use: `a <= :a AND (a < :a OR (a = :a AND (b > :b OR …)))`.
 */
export function keysetCondition(
  dialect: string,
  columns: readonly string[],
  params: readonly string[],
  direction: KeysetDirections = 'DESC',
): string {
  const directions = typeof direction === 'string' ? columns.map(() => direction) : direction;
  if (columns.length === 0 || columns.length !== params.length || directions.length !== columns.length) {
    throw new Error('a keyset needs one value per column (and one direction per column when given per column)');
  }
  const runs = runsOf(columns, params, directions, dialect !== 'mysql' && dialect !== 'mariadb');
  const last = runs.at(-1) as Run;
  let chain = compare(last, last.op);
  for (let i = runs.length - 2; i >= 0; i--) {
    const run = runs[i] as Run;
    chain = `${compare(run, run.op)} OR (${compare(run, '=')} AND (${chain}))`;
  }
  const first = runs[0] as Run;
  return runs.length === 1 ? chain : `${compare(first, `${first.op}=`)} AND (${chain})`;
}

/** Neighbouring columns of one direction, grouped when the dialect compares row values. */
function runsOf(
  columns: readonly string[],
  params: readonly string[],
  directions: readonly KeysetDirection[],
  rowValues: boolean,
): Run[] {
  const runs: Run[] = [];
  columns.forEach((column, i) => {
    const op = directions[i] === 'DESC' ? '<' : '>';
    const previous = runs.at(-1);
    if (rowValues && previous?.op === op) {
      previous.columns.push(column);
      previous.refs.push(`:${params[i]}`);
    } else {
      runs.push({ columns: [column], refs: [`:${params[i]}`], op });
    }
  });
  return runs;
}

function compare(run: Run, op: string): string {
  return run.columns.length === 1
    ? `${run.columns[0]} ${op} ${run.refs[0]}`
    : `(${run.columns.join(', ')}) ${op} (${run.refs.join(', ')})`;
}

/** Adds the keyset condition (see `keysetCondition`) for the row holding `values` to `qb`. */
export function keysetAfter<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  columns: readonly string[],
  values: readonly KeysetValue[],
  direction: KeysetDirections = 'DESC',
): SelectQueryBuilder<T> {
  const params = values.map((_, i) => `keyset${i}`);
  const condition = keysetCondition(qb.connection.options.type, columns, params, direction);
  const bound = Object.fromEntries(params.map((p, i) => [p, values[i]]));
  return qb.andWhere(`(${condition})`, bound);
}

/** Orders `qb` by the keyset's columns, each in its direction, as `keysetAfter` continues it. */
export function keysetOrder<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  columns: readonly string[],
  direction: KeysetDirections = 'DESC',
): SelectQueryBuilder<T> {
  columns.forEach((column, i) => {
    qb.addOrderBy(column, typeof direction === 'string' ? direction : direction[i]);
  });
  return qb;
}
