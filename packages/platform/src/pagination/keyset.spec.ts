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

  it('takes a direction per column, comparing each run of one direction as a row where the dialect can', () => {
    for (const dialect of ['postgres', 'better-sqlite3']) {
      assert.equal(
        keysetCondition(dialect, ['v', 'o', 'c', 'i'], ['p0', 'p1', 'p2', 'p3'], ['DESC', 'ASC', 'DESC', 'DESC']),
        'v <= :p0 AND (v < :p0 OR (v = :p0 AND (o > :p1 OR (o = :p1 AND ((c, i) < (:p2, :p3))))))',
      );
      assert.equal(
        keysetCondition(dialect, ['v', 'o', 'c'], ['p0', 'p1', 'p2'], ['DESC', 'DESC', 'ASC']),
        '(v, o) <= (:p0, :p1) AND ((v, o) < (:p0, :p1) OR ((v, o) = (:p0, :p1) AND (c > :p2)))',
      );
      assert.equal(
        keysetCondition(dialect, ['a', 'b'], ['p0', 'p1'], ['ASC', 'ASC']),
        keysetCondition(dialect, ['a', 'b'], ['p0', 'p1'], 'ASC'),
      );
    }
    for (const dialect of ['mysql', 'mariadb']) {
      assert.equal(
        keysetCondition(dialect, ['o', 'c', 'i'], ['p0', 'p1', 'p2'], ['ASC', 'DESC', 'DESC']),
        'o >= :p0 AND (o > :p0 OR (o = :p0 AND (c < :p1 OR (c = :p1 AND (i < :p2)))))',
      );
    }
  });

  it('refuses a keyset without one value per column', () => {
    assert.throws(() => keysetCondition('postgres', ['a', 'b'], ['p0']), /one value per column/);
    assert.throws(() => keysetCondition('mysql', [], []), /one value per column/);
    assert.throws(() => keysetCondition('postgres', ['a', 'b'], ['p0', 'p1'], ['ASC']), /one direction per column/);
  });
});
