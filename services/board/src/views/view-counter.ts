import { dialectOfConnection } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityMetadata } from 'typeorm';
import { Repository } from 'typeorm';
import { BoardConfig } from '../config.js';
import { Post } from '../posts/post.entity.js';
import { PostView } from './post-view.entity.js';

/** The three statements of counting a view and its time as stored, written once per dialect from the entities' metadata. */
interface ViewStatements {
  insert: string;
  renew: string;
  count: string;
  /** A time as the driver stores `viewed_at` (a Date for MySQL, UTC text for SQLite). */
  viewedAt: (time: Date) => unknown;
}

function statementsFor(views: EntityMetadata, posts: EntityMetadata): ViewStatements {
  const { driver } = views.connection;
  const name = (metadata: EntityMetadata, property: string) =>
    driver.escape(metadata.findColumnWithPropertyName(property)?.databaseName ?? property);
  const [postId, viewerKey, viewedAt] = ['postId', 'viewerKey', 'viewedAt'].map((p) => name(views, p));
  const viewTable = driver.escape(views.tableName);
  const postTable = driver.escape(posts.tableName);
  const viewCount = name(posts, 'viewCount');
  const viewedAtColumn = views.findColumnWithPropertyName('viewedAt');
  // A viewer's row that is already there is skipped rather than refused: most views are repeats,
  // and a refused insert costs an error built by the driver and again by the ORM on each of them.
  const insertSkippingRepeats =
    dialectOfConnection(views.connection) === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  return {
    insert: `${insertSkippingRepeats} INTO ${viewTable} (${postId}, ${viewerKey}, ${viewedAt}) VALUES (?, ?, ?)`,
    renew: `UPDATE ${viewTable} SET ${viewedAt} = ? WHERE ${postId} = ? AND ${viewerKey} = ? AND ${viewedAt} <= ?`,
    count: `UPDATE ${postTable} SET ${viewCount} = ${viewCount} + 1 WHERE ${name(posts, 'id')} = ?`,
    viewedAt: viewedAtColumn ? (time) => driver.preparePersistentValue(time, viewedAtColumn) : (time) => time,
  };
}

/**
 * Counts a view of a post at most once per viewer per window (an hour by default). It runs on every
 * post read, so its three statements go to the driver as written, with values converted exactly as
 * the ORM would (`preparePersistentValue`): the query builder cost more than the statements.
 */
@Injectable()
export class ViewCounter {
  private statements: ViewStatements | undefined;

  constructor(
    @InjectRepository(PostView) private readonly views: Repository<PostView>,
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    private readonly config: BoardConfig,
  ) {}

  async count(postId: string, viewerKey: string, now = new Date()): Promise<boolean> {
    this.statements ??= statementsFor(this.views.metadata, this.posts.metadata);
    const sql = this.statements;
    const runner = this.views.manager.connection.createQueryRunner();
    try {
      const inserted = await runner.query(sql.insert, [postId, viewerKey, sql.viewedAt(now)], true);
      let counted = (inserted.affected ?? 0) > 0;
      if (!counted) {
        const windowStart = new Date(now.getTime() - this.config.VIEW_DEDUP_SECONDS * 1000);
        const renewed = await runner.query(
          sql.renew,
          [sql.viewedAt(now), postId, viewerKey, sql.viewedAt(windowStart)],
          true,
        );
        counted = (renewed.affected ?? 0) > 0;
      }
      if (counted) await runner.query(sql.count, [postId]);
      return counted;
    } finally {
      await runner.release();
    }
  }
}
