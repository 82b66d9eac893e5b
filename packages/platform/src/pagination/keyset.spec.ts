import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keysetCondition } from './keyset.js';

describe('keysetCondition', () => {
  it('compares row values where the planner walks an index with them', () => {
    for (const dialect of ['postgres', 'better-sqlite3']) {
      assert.equal(keysetCondition(dialect, ['a', 'b'], ['p0', 'p1']), '(a, b) < (:p0, :p1)');
      assert.equal(keysetCondition(dialect, ['a'], ['p0'], 'ASC'), 'a > :p0');
    }
  });

  it('spells the condition out on MySQL and MariaDB, led by a range bound on the first column', () => {
    for (const dialect of ['mysql', 'mariadb']) {
      assert.equal(
        keysetCondition(dialect, ['a', 'b', 'c'], ['p0', 'p1', 'p2']),
        'a <= :p0 AND (a < :p0 OR (a = :p0 AND (b < :p1 OR (b = :p1 AND (c < :p2)))))',
      );
      assert.equal(
        keysetCondition(dialect, ['a', 'b'], ['p0', 'p1'], 'ASC'),
        'a >= :p0 AND (a > :p0 OR (a = :p0 AND (b > :p1)))',
      );
      assert.equal(keysetCondition(dialect, ['a'], ['p0']), 'a < :p0');
    }
  });

  it('refuses a keyset without one value per column', () => {
    assert.throws(() => keysetCondition('postgres', ['a', 'b'], ['p0']), /one value per column/);
    assert.throws(() => keysetCondition('mysql', [], []), /one value per column/);
  });
});
