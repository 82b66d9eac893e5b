import type { EntityMetadata, SelectQueryBuilder } from 'typeorm';
import type { Post } from './post.entity.js';

type ColumnMetadata = NonNullable<ReturnType<EntityMetadata['findColumnWithPropertyName']>>;

/**
 * Runs a list query that selects plain columns of `Post` (no joins) and builds the posts from its
 * raw rows, each value converted by the driver exactly as `getMany` would. `getMany`'s entity
 * transformer groups rows for joins, runs relation loaders and load events; a list page needs none
 * of that, and skipping it is a measurable share of the list's time (see docs/performance.md).
 */
export async function postsOfRows(qb: SelectQueryBuilder<Post>): Promise<Post[]> {
  const driver = qb.connection.driver;
  const metadata = qb.expressionMap.mainAlias?.metadata;
  if (!metadata) throw new Error('postsOfRows needs a query builder on Post');
  const columns = qb.expressionMap.selects
    .map((select) => select.selection.slice(qb.alias.length + 1))
    .map((property) => metadata.findColumnWithPropertyName(property))
    .filter((column): column is ColumnMetadata => column !== undefined)
    .map((column) => ({ column, key: `${qb.alias}_${column.databaseName}` }));
  const rows = await qb.getRawMany<Record<string, unknown>>();
  return rows.map((row) => {
    const post = {} as Record<string, unknown>;
    for (const { column, key } of columns) post[column.propertyName] = driver.prepareHydratedValue(row[key], column);
    return post as unknown as Post;
  });
}
