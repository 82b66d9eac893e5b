import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeEmail } from './profile.js';

describe('account name rules', () => {
  it('compares emails without case or surrounding space', () => {
    assert.equal(normalizeEmail('  Kim.Nurse@Example.COM '), 'kim.nurse@example.com');
  });
});
