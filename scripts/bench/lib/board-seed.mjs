// Bulk-loads generated Korean posts into a board database whose schema the service's migrations
// built (the Mroonga search table included, when the server has it).
import { join } from 'node:path';
import { koreanPost } from './korean-posts.mjs';

const root = new URL('../../..', import.meta.url).pathname;

/** Sequential ids in UUID v4 form: the clustered index fills in order, as a bulk load should. */
const idOf = (i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

/**
 * Bulk load: multi-row INSERTs of 2,000 posts into both tables, with the full-text index dropped
 * while the rows go in and rebuilt in one pass afterwards.
 */
export async function seedBoard(db, total) {
  const { POST_SEARCH_FULLTEXT, POST_SEARCH_TABLE } = await import(
    join(root, 'services/board/dist/src/posts/search/search-table.js')
  );
  const [[{ n: indexed }]] = await db.query(
    'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
    [POST_SEARCH_TABLE],
  );
  if (indexed) {
    await db.query(`ALTER TABLE ${POST_SEARCH_TABLE} DROP INDEX ft_post_search_title, DROP INDEX ft_post_search_body`);
  }
  await db.query('SET unique_checks = 0, foreign_key_checks = 0');
  const start = Date.now() - total * 60_000;
  const t0 = Date.now();
  for (let i = 0; i < total; i += 2000) {
    const rows = [];
    const search = [];
    for (let j = i; j < Math.min(total, i + 2000); j++) {
      const { title, body } = koreanPost(j);
      const at = new Date(start + j * 60_000);
      const board = j % 3 ? 'free' : 'qna';
      const id = idOf(j);
      rows.push([
        id,
        board,
        title,
        body,
        body.slice(0, 120),
        `member-${j % 500}`,
        `회원${j % 500}`,
        j % 97,
        j % 13,
        j % 7,
        at,
        at,
      ]);
      search.push([id, board, title, body, at]);
    }
    await db.query(
      'INSERT INTO posts (id, board, title, body, excerpt, author_sub, author_nickname, view_count, like_count, comment_count, created_at, updated_at) VALUES ?',
      [rows],
    );
    if (indexed)
      await db.query(`INSERT INTO ${POST_SEARCH_TABLE} (post_id, board, title, body, created_at) VALUES ?`, [search]);
    process.stdout.write(`\r  ${Math.min(total, i + 2000)}/${total} rows (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const loaded = Date.now();
  if (indexed) await db.query(`ALTER TABLE ${POST_SEARCH_TABLE} ${POST_SEARCH_FULLTEXT}`);
  // Steady state: the optimizer sees the table as it is, as it would in production.
  await db.query('ANALYZE TABLE posts');
  console.log(
    `\n  loaded in ${((loaded - t0) / 1000).toFixed(1)} s, full-text index built in ${((Date.now() - loaded) / 1000).toFixed(1)} s${indexed ? '' : ' (no Mroonga on this server: searches scan)'}`,
  );
  return Boolean(indexed);
}
