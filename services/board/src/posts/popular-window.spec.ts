import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { popularSince } from './popular-window.js';

describe('popular window', () => {
  it('reaches back exactly 7 days from the given clock', () => {
    const now = Date.parse('2026-12-02T03:00:00.000Z');
    assert.equal(popularSince(now, 'week').toISOString(), '2026-11-25T03:00:00.000Z');
  });
});
