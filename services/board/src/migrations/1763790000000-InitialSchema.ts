import { migrationColumns } from '@carebridge/platform';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class InitialSchema1763790000000 implements MigrationInterface {
  name = 'InitialSchema1763790000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = migrationColumns(runner);
    const author = [
      c.varchar('author_sub', 64, { isNullable: true }),
      c.varchar('author_nickname', 40, { isNullable: true }),
    ];
    await runner.createTable(
      new Table({
        name: 'posts',
        columns: [
          c.id(),
          c.varchar('board', 10),
          c.varchar('title', 100),
          c.longText('body'),
          c.varchar('excerpt', 160),
          ...author,
          c.int('view_count', { default: '0' }),
          c.int('like_count', { default: '0' }),
          c.int('comment_count', { default: '0' }),
          c.varchar('accepted_comment_id', 36, { isNullable: true }),
          c.boolean('hidden', false),
          c.timestamp('deleted_at', { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [
          { name: 'idx_posts_board_latest', columnNames: ['board', 'created_at', 'id'] },
          { name: 'idx_posts_board_popular', columnNames: ['board', 'like_count', 'created_at', 'id'] },
          { name: 'idx_posts_author', columnNames: ['author_sub'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'comments',
        columns: [
          c.id(),
          c.varchar('post_id', 36),
          c.varchar('parent_id', 36, { isNullable: true }),
          c.text('body'),
          ...author,
          c.boolean('hidden', false),
          c.timestamp('deleted_at', { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [
          { name: 'idx_comments_thread', columnNames: ['post_id', 'parent_id', 'created_at', 'id'] },
          { name: 'idx_comments_author', columnNames: ['author_sub'] },
        ],
        foreignKeys: [
          {
            name: 'fk_comments_post',
            columnNames: ['post_id'],
            referencedTableName: 'posts',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'post_likes',
        columns: [
          c.varchar('post_id', 36, { isPrimary: true }),
          c.varchar('member_sub', 64, { isPrimary: true }),
          c.timestamp('created_at'),
        ],
        indices: [{ name: 'idx_post_likes_member', columnNames: ['member_sub'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'post_views',
        columns: [
          c.varchar('post_id', 36, { isPrimary: true }),
          c.varchar('viewer_key', 80, { isPrimary: true }),
          c.timestamp('viewed_at'),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'moderation_cases',
        columns: [
          c.id(),
          c.varchar('target_type', 10),
          c.varchar('target_id', 36),
          c.int('report_count', { default: '0' }),
          c.varchar('status', 10),
          c.varchar('resolution', 10, { isNullable: true }),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [
          { name: 'uq_moderation_cases_target', columnNames: ['target_type', 'target_id'], isUnique: true },
          { name: 'idx_moderation_cases_queue', columnNames: ['status', 'updated_at', 'id'] },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'reports',
        columns: [
          c.id(),
          c.varchar('case_id', 36),
          c.varchar('target_type', 10),
          c.varchar('target_id', 36),
          c.varchar('reporter_sub', 64, { isNullable: true }),
          c.varchar('reason', 20),
          c.varchar('detail', 500, { isNullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [
          {
            name: 'uq_reports_target_reporter',
            columnNames: ['target_type', 'target_id', 'reporter_sub'],
            isUnique: true,
          },
          { name: 'idx_reports_case', columnNames: ['case_id'] },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['reports', 'moderation_cases', 'post_views', 'post_likes', 'comments', 'posts']) {
      await runner.dropTable(table, true);
    }
  }
}
