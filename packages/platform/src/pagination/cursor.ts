import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '@carebridge/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProblemException } from '../errors/problem.exception.js';

export type CursorValue = string | number;
/** `timestamp`: an ISO 8601 instant as `Date#toISOString` writes it, handed back as that string. */
export type CursorPart = 'string' | 'number' | 'timestamp';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * Query parameters arrive as text; only plain decimal digits become a number. `Number()` would also
 * take `0x10`, `1e1`, `+5`, ` 5` and the empty string, so those stay text and fail `@IsInt`.
 */
export const DecimalInteger = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));

/**
 * Keyset pagination: a cursor is the sort key of the last item of a page, opaque to clients.
 * Pages stay free of duplicates and gaps while rows are inserted, unlike offsets.
 */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: CursorPart[]): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const valid =
    Array.isArray(values) && values.length === shape.length && values.every((v, i) => fits(v, shape[i] as CursorPart));
  if (!valid) {
    throw ProblemException.validation([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
  }
  return values as CursorValue[];
}

function fits(value: unknown, part: CursorPart): boolean {
  if (part === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (part === 'timestamp')
    return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
  return typeof value === 'string';
}

/** `limit` and `cursor` of every list endpoint. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT })
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit: number = PAGE_LIMIT_DEFAULT;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

/** Cuts a result fetched with `limit + 1` rows into a page and the cursor of the next one. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  cursorOf: (row: Row) => CursorValue[],
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
