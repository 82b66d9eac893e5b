/**
 * A `LIKE` pattern matching values that contain `term` literally. Use with `ESCAPE '!'`, which
 * reads the same on MySQL/MariaDB, PostgreSQL and SQLite (a backslash does not).
 */
export function containsPattern(term: string): string {
  return `%${term.replace(/[!%_]/g, '!$&')}%`;
}

export const LIKE_ESCAPE = "ESCAPE '!'";
