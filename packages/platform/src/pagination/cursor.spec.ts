import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ProblemException } from '../errors/problem.exception.js';
import { decodeCursor, encodeCursor, PageQuery, toPage } from './cursor.js';

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

  it('check timestamps inside a cursor, so a forged one is refused rather than run as a query', () => {
    const at = new Date('2026-11-22T01:00:00.000Z').toISOString();
    assert.deepEqual(decodeCursor(encodeCursor([at, 'id']), ['timestamp', 'string']), [at, 'id']);
    for (const bad of ['not a time', '2026-13-40T99:00:00Z', '1700000000000', '']) {
      assert.throws(() => decodeCursor(encodeCursor([bad, 'id']), ['timestamp', 'string']), ProblemException, bad);
    }
  });
});

describe('page query', () => {
  const errorsFor = (limit: string) => validateSync(plainToInstance(PageQuery, { limit })).map((e) => e.property);

  it('takes only plain decimal digits as limit', () => {
    assert.equal(plainToInstance(PageQuery, { limit: '25' }).limit, 25);
    assert.deepEqual(errorsFor('25'), []);
    for (const limit of ['0x10', '1e1', '+5', ' 5', '', '5.0', '0b1', 'Infinity']) {
      assert.deepEqual(errorsFor(limit), ['limit'], limit);
    }
  });
});
