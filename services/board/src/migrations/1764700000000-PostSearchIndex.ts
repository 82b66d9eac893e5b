import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CREATE_POST_SEARCH,
  MROONGA_AVAILABLE,
  POST_SEARCH_FULLTEXT,
  POST_SEARCH_TABLE,
} from '../posts/search/search-table.js';

/**
 * The bigram full-text index of posts, on MariaDB servers that have Mroonga (Debian's
 * `mariadb-plugin-mroonga`). Without it searches keep scanning, correct but slow on large tables;
 * installing Mroonga later needs this migration reverted and run again. Existing posts are copied
 * first and indexed in one pass, which is far faster than indexing row by row.
 */
export class PostSearchIndex1764700000000 implements MigrationInterface {
  name = 'PostSearchIndex1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    if (!(await hasMroonga(runner))) return;
    await runner.query(CREATE_POST_SEARCH);
    await runner.query(
      `INSERT INTO ${POST_SEARCH_TABLE} (post_id, board, title, body, created_at)
       SELECT id, board, title, body, created_at FROM posts`,
    );
    await runner.query(`ALTER TABLE ${POST_SEARCH_TABLE} ${POST_SEARCH_FULLTEXT}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const type = runner.connection.options.type;
    if (type === 'mariadb' || type === 'mysql') await runner.query(`DROP TABLE IF EXISTS ${POST_SEARCH_TABLE}`);
  }
}

async function hasMroonga(runner: QueryRunner): Promise<boolean> {
  const type = runner.connection.options.type;
  if (type !== 'mariadb' && type !== 'mysql') return false;
  const rows: { n: number | string }[] = await runner.query(MROONGA_AVAILABLE);
  return Number(rows[0]?.n) > 0;
}
