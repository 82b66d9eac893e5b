import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * A member's own activity page lists their posts and comments newest first (by author, then time),
 * their bookmarks (스크랩) newest first, and comments carry likes the way posts do.
 */
export class MemberActivity1764900000000 implements MigrationInterface {
  name = 'MemberActivity1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    for (const table of ['posts', 'comments']) {
      await runner.createIndex(
        table,
        new TableIndex({ name: `idx_${table}_author_latest`, columnNames: ['author_sub', 'created_at', 'id'] }),
      );
    }
    await runner.addColumn('comments', new TableColumn(c.int('like_count', { default: '0' })));
    await runner.createTable(
      new Table({
        name: 'comment_likes',
        columns: [
          c.varchar('comment_id', 36, { isPrimary: true }),
          c.varchar('member_sub', 64, { isPrimary: true }),
          c.timestamp('created_at'),
        ],
        indices: [{ name: 'idx_comment_likes_member', columnNames: ['member_sub'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'post_bookmarks',
        columns: [
          c.varchar('member_sub', 64, { isPrimary: true }),
          c.varchar('post_id', 36, { isPrimary: true }),
          c.timestamp('created_at'),
        ],
        indices: [{ name: 'idx_post_bookmarks_latest', columnNames: ['member_sub', 'created_at', 'post_id'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('post_bookmarks', true);
    await runner.dropTable('comment_likes', true);
    await runner.dropColumn('comments', 'like_count');
    for (const table of ['comments', 'posts']) await runner.dropIndex(table, `idx_${table}_author_latest`);
  }
}
