import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemException } from '../errors/problem.exception.js';
import { decodeCursor, encodeCursor, toPage } from './cursor.js';

describe('cursors', () => {
  it('round-trip the sort key of the last item', () => {
    const cursor = encodeCursor(['2026-11-22T01:00:00.000Z', 42]);
    assert.deepEqual(decodeCursor(cursor, ['string', 'number']), ['2026-11-22T01:00:00.000Z', 42]);
  });

  it('refuse anything they did not give out, naming the field', () => {
    for (const bad of ['%%%', encodeCursor([1, 2]), encodeCursor(['a']), Buffer.from('{}').toString('base64url')]) {
      assert.throws(
        () => decodeCursor(bad, ['string', 'number']),
        (e: unknown) => e instanceof ProblemException && e.status === 400 && e.errors?.[0]?.field === 'cursor',
      );
    }
  });

  it('cut a limit+1 result into a page and the next cursor', () => {
    const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const page = toPage(
      rows,
      2,
      (r) => r.id,
      (r) => [r.id],
    );
    assert.deepEqual(page.items, [1, 2]);
    assert.deepEqual(decodeCursor(page.nextCursor as string, ['number']), [2]);
    assert.equal(
      toPage(
        rows,
        3,
        (r) => r.id,
        (r) => [r.id],
      ).nextCursor,
      null,
    );
  });
});
