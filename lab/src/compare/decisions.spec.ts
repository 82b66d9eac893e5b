import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareDecisions } from './decisions.js';

const d = (t: number, from: number, to: number) => ({ t, from, to, reason: '' });

describe('compareDecisions', () => {
  it('equal sequences within the tolerance: no difference', () => {
    const c = compareDecisions([d(1000, 3, 6), d(7000, 6, 10)], [d(4000, 3, 6), d(9000, 6, 10)], 5000);
    assert.deepEqual([c.compared, c.differences], [2, 0]);
    assert.equal(c.pairs[0]?.offsetMs, -3000);
  });
  it('another count, a late decision and a missing one are differences, each with its reason', () => {
    const c = compareDecisions([d(0, 3, 6), d(30_000, 6, 10), d(40_000, 10, 5)], [d(0, 3, 5), d(10_000, 5, 10)], 5000);
    assert.deepEqual([c.compared, c.differences], [3, 3]);
    assert.match(c.pairs[0]?.why ?? '', /lab went to 6, the real HPA to 5/);
    assert.match(c.pairs[1]?.why ?? '', /20 s apart/);
    assert.match(c.pairs[2]?.why ?? '', /real HPA made no 3rd rescale/);
  });
});
