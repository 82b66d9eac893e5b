import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export type KeysetValue = string | number | boolean | Date;
export type KeysetDirection = 'ASC' | 'DESC';

/**
 * The keyset condition "after this row" for a list ordered by `columns`, all in `direction`:
 * with `DESC`, rows whose `(columns)` sort strictly below `values`.
 *
 * PostgreSQL and SQLite compare row values and walk a composite index with them. MySQL and
 * MariaDB do not turn a row-value inequality into an index range, so there the condition is
 * spelled out, led by a bound on the first column that the range scan can use:
 * `a <= :a AND (a < :a OR (a = :a AND (b < :b OR …)))`.
 */
export function keysetCondition(
  dialect: string,
  columns: readonly string[],
  params: readonly string[],
  direction: KeysetDirection = 'DESC',
): string {
  if (columns.length === 0 || columns.length !== params.length) {
    throw new Error('a keyset needs one value per column');
  }
  const op = direction === 'DESC' ? '<' : '>';
  const refs = params.map((p) => `:${p}`);
  if (dialect !== 'mysql' && dialect !== 'mariadb') {
    return columns.length === 1
      ? `${columns[0]} ${op} ${refs[0]}`
      : `(${columns.join(', ')}) ${op} (${refs.join(', ')})`;
  }
  let chain = `${columns.at(-1)} ${op} ${refs.at(-1)}`;
  for (let i = columns.length - 2; i >= 0; i--) {
    chain = `${columns[i]} ${op} ${refs[i]} OR (${columns[i]} = ${refs[i]} AND (${chain}))`;
  }
  return columns.length === 1 ? chain : `${columns[0]} ${op}= ${refs[0]} AND (${chain})`;
}

/** Adds the keyset condition (see `keysetCondition`) for the row holding `values` to `qb`. */
export function keysetAfter<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  columns: readonly string[],
  values: readonly KeysetValue[],
  direction: KeysetDirection = 'DESC',
): SelectQueryBuilder<T> {
  const params = values.map((_, i) => `keyset${i}`);
  const condition = keysetCondition(qb.connection.options.type, columns, params, direction);
  const bound = Object.fromEntries(params.map((p, i) => [p, values[i]]));
  return qb.andWhere(`(${condition})`, bound);
}
