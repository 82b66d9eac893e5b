import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** Lists of both boards at once (the default) sort by date or likes without a board to narrow them. */
export class CrossBoardIndexes1763810000000 implements MigrationInterface {
  name = 'CrossBoardIndexes1763810000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('posts', new TableIndex({ name: 'idx_posts_latest', columnNames: ['created_at', 'id'] }));
    await runner.createIndex(
      'posts',
      new TableIndex({ name: 'idx_posts_popular', columnNames: ['like_count', 'created_at', 'id'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('posts', 'idx_posts_popular');
    await runner.dropIndex('posts', 'idx_posts_latest');
  }
}
