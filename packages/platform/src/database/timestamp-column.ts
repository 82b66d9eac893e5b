import { Column } from 'typeorm';

/**
 * A point in time, on every dialect. Declared as `Date` so TypeORM picks the driver's own type
 * (MySQL/SQLite `datetime`, PostgreSQL `timestamp`); migrations create `timestamptz` on PostgreSQL
 * (see `migrationColumns`), and node-postgres reads that back as the exact instant, so values never
 * depend on the server's or the process's time zone.
 */
export function TimestampColumn(name: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ name, type: Date, nullable: options.nullable ?? false });
}
