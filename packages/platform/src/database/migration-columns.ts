import type { QueryRunner, TableColumnOptions } from 'typeorm';

type Extra = Partial<TableColumnOptions>;

/**
 * Column definitions for migrations that read the same on every dialect a service supports; the
 * few real differences (timestamp types) are resolved here from the connection's dialect.
 */
export function migrationColumns(runner: QueryRunner) {
  const dialect = runner.connection.options.type;
  const isMysql = dialect === 'mysql' || dialect === 'mariadb';
  const timestampType = dialect === 'postgres' ? 'timestamptz' : 'datetime';
  return {
    id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
    varchar: (name: string, length: number, extra: Extra = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    }),
    text: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'text', ...extra }),
    /** Text beyond 64 KiB: MySQL's TEXT holds only ~21,000 Korean characters in utf8mb4. */
    longText: (name: string, extra: Extra = {}): TableColumnOptions => ({
      name,
      type: isMysql ? 'mediumtext' : 'text',
      ...extra,
    }),
    int: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'int', ...extra }),
    boolean: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: defaultValue ? 'true' : 'false',
    }),
    timestamp: (name: string, extra: Extra = {}): TableColumnOptions => ({
      name,
      type: timestampType,
      ...(isMysql ? { precision: 3 } : {}),
      ...extra,
    }),
  };
}
