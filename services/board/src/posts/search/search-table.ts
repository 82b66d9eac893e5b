/**
 * `post_search`: a copy of each post's searchable text in a Mroonga table, whose bigram full-text
 * index answers substring searches over a million posts in milliseconds. It exists only on
 * MariaDB servers with the Mroonga engine; elsewhere searches scan (see `PostSearch`).
 *
 * Every character is split into bigrams (`TokenBigramSplitSymbolAlphaDigit`), letters and digits
 * too, so the index finds what `LIKE '%q%'` finds; single characters are prefix searches of the
 * bigram lexicon. Mroonga picks the normalizer from the utf8mb4_unicode_ci collation, folding case
 * as the collation does.
 */
export const POST_SEARCH_TABLE = 'post_search';

export const POST_SEARCH_FULLTEXT = [
  `ADD FULLTEXT INDEX ft_post_search_title (title) COMMENT 'tokenizer "TokenBigramSplitSymbolAlphaDigit"'`,
  `ADD FULLTEXT INDEX ft_post_search_body (body) COMMENT 'tokenizer "TokenBigramSplitSymbolAlphaDigit"'`,
].join(', ');

export const CREATE_POST_SEARCH = `CREATE TABLE ${POST_SEARCH_TABLE} (
  post_id VARCHAR(36) NOT NULL PRIMARY KEY,
  board VARCHAR(10) NOT NULL,
  title VARCHAR(100) NOT NULL,
  body LONGTEXT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  KEY idx_post_search_latest (created_at)
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci`;

/** Whether the connected server offers the Mroonga engine. */
export const MROONGA_AVAILABLE = `SELECT COUNT(*) AS n FROM information_schema.ENGINES
  WHERE ENGINE = 'Mroonga' AND SUPPORT IN ('YES', 'DEFAULT')`;
