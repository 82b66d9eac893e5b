import type { DataSource, EntityMetadata, SelectQueryBuilder } from 'typeorm';
import type { Post } from './post.entity.js';

type ColumnMetadata = NonNullable<ReturnType<EntityMetadata['findColumnWithPropertyName']>>;

interface BuiltList {
  /** The statement with its named parameters, as `getQuery()` writes it. */
  sql: string;
  columns: { column: ColumnMetadata; key: string }[];
}

/**
 * Lists of one shape (the same filters present, sort, cursor or not, page size) always build the
 * same statement; only the parameters differ. Writing it out is the costliest part of the ORM's work
 * on a list request, so each shape's text is built once per data source (dialects write it differently).
 */
const builtByShape = new WeakMap<DataSource, Map<string, BuiltList>>();

function build(qb: SelectQueryBuilder<Post>): BuiltList {
  const metadata = qb.expressionMap.mainAlias?.metadata;
  if (!metadata) throw new Error('postsOfRows needs a query builder on Post');
  const columns = qb.expressionMap.selects
    .map((select) => select.selection.slice(qb.alias.length + 1))
    .map((property) => metadata.findColumnWithPropertyName(property))
    .filter((column): column is ColumnMetadata => column !== undefined)
    .map((column) => ({ column, key: `${qb.alias}_${column.databaseName}` }));
  return { sql: qb.getQuery(), columns };
}

function builtOnce(qb: SelectQueryBuilder<Post>, shape: string): BuiltList {
  let shapes = builtByShape.get(qb.connection);
  if (!shapes) {
    shapes = new Map();
    builtByShape.set(qb.connection, shapes);
  }
  let built = shapes.get(shape);
  if (!built) {
    built = build(qb);
    shapes.set(shape, built);
  }
  return built;
}

/**
 * Runs a list query that selects plain columns of `Post` (no joins) and builds the posts from its
 * raw rows, each value converted by the driver exactly as `getMany` would. `getMany`'s entity
 * transformer groups rows for joins, runs relation loaders and load events; a list page needs none
 * of that, and skipping it is a measurable share of the list's time (see docs/performance.md).
 * `shape` names what the statement's text depends on (undefined: build it for this call only). It
 * runs on the connection's pool, so never inside a transaction.
 */
export async function postsOfRows(qb: SelectQueryBuilder<Post>, shape: string | undefined): Promise<Post[]> {
  const built = shape === undefined ? build(qb) : builtOnce(qb, shape);
  const { driver } = qb.connection;
  const [sql, parameters] = driver.escapeQueryWithParameters(built.sql, qb.getParameters());
  const rows: Record<string, unknown>[] = await qb.connection.query(sql, parameters);
  const { columns } = built;
  return rows.map((row) => {
    const post = {} as Record<string, unknown>;
    for (const { column, key } of columns) post[column.propertyName] = driver.prepareHydratedValue(row[key], column);
    return post as unknown as Post;
  });
}
