import type { DataSource, EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

type ColumnMetadata = NonNullable<ReturnType<EntityMetadata['findColumnWithPropertyName']>>;

interface BuiltSelect {
  /** The statement with its named parameters, as `getQuery()` writes it. */
  sql: string;
  columns: { column: ColumnMetadata; key: string }[];
}

/**
 * A query of one shape (the same filters present, sort, cursor or not, page size) always builds the
 * same statement; only the parameters differ. Writing it out is the costliest part of the ORM's work
 * on a hot read, so each shape's text is built once per data source (dialects write it differently).
 */
const builtByShape = new WeakMap<DataSource, Map<string, BuiltSelect>>();

function build(qb: SelectQueryBuilder<ObjectLiteral>): BuiltSelect {
  const metadata = qb.expressionMap.mainAlias?.metadata;
  if (!metadata) throw new Error('selectPlain needs a query builder on an entity');
  const columns = qb.expressionMap.selects
    .map((select) => select.selection.slice(qb.alias.length + 1))
    .map((property) => metadata.findColumnWithPropertyName(property))
    .filter((column): column is ColumnMetadata => column !== undefined)
    .map((column) => ({ column, key: `${qb.alias}_${column.databaseName}` }));
  return { sql: qb.getQuery(), columns };
}

function builtOnce(qb: SelectQueryBuilder<ObjectLiteral>, shape: string): BuiltSelect {
  let shapes = builtByShape.get(qb.connection);
  if (!shapes) {
    shapes = new Map();
    builtByShape.set(qb.connection, shapes);
  }
  const key = `${qb.expressionMap.mainAlias?.metadata.name}:${shape}`;
  let built = shapes.get(key);
  if (!built) {
    built = build(qb);
    shapes.set(key, built);
  }
  return built;
}

/**
 * Runs a query that selects plain columns of one entity (`alias.property`, no joins) and builds the
 * entities from its raw rows, each value converted by the driver exactly as `getMany` would.
 * `getMany`'s transformer groups rows for joins, runs relation loaders and load events; a hot read
 * needs none of that, and skipping it is a measurable share of its time (see docs/performance.md).
 * `shape` names what the statement's text depends on besides its parameters (undefined: build it
 * for this call only; never a value a caller sent, or the cache would grow with every request).
 * It runs on the connection's pool, so never inside a transaction.
 */
export async function selectPlain<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  shape: string | undefined,
): Promise<T[]> {
  const built = shape === undefined ? build(qb) : builtOnce(qb, shape);
  const { driver } = qb.connection;
  const [sql, parameters] = driver.escapeQueryWithParameters(built.sql, qb.getParameters());
  const rows: Record<string, unknown>[] = await qb.connection.query(sql, parameters);
  const { columns } = built;
  return rows.map((row) => {
    const entity: Record<string, unknown> = {};
    for (const { column, key } of columns) entity[column.propertyName] = driver.prepareHydratedValue(row[key], column);
    return entity as T;
  });
}

/** Every column of an entity under `alias`, as `select` takes them. */
export function everyColumn(metadata: EntityMetadata, alias: string): string[] {
  return metadata.columns.map((column) => `${alias}.${column.propertyName}`);
}
