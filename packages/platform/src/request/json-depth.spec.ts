import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostileInput } from './hostile-input.js';
import { JSON_DEPTH_LIMIT, jsonDepthExceeds } from './json-depth.js';

const bytes = (text: string) => Buffer.from(text);
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('JSON depth before parsing', () => {
  it(`allows ${JSON_DEPTH_LIMIT} levels and refuses one more, arrays and objects alike`, () => {
    assert.equal(jsonDepthExceeds(bytes(nested(JSON_DEPTH_LIMIT))), false);
    assert.equal(jsonDepthExceeds(bytes(nested(JSON_DEPTH_LIMIT + 1))), true);
    assert.equal(jsonDepthExceeds(bytes(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`)), true);
    assert.equal(jsonDepthExceeds(bytes(nested(20_000))), true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    assert.equal(jsonDepthExceeds(bytes(JSON.stringify({ text: '['.repeat(500) }))), false);
    assert.equal(jsonDepthExceeds(bytes(JSON.stringify({ text: `\\"${'{'.repeat(500)}` }))), false);
    assert.equal(jsonDepthExceeds(bytes(`["\\\\", ${nested(70)}]`)), true);
  });

  it('names the field of hostile strings and keys', () => {
    assert.deepEqual(hostileInput({ a: { b: ['ok', 'x\u0000'] } }), [
      { field: 'a.b.1', message: 'must not contain NUL characters' },
    ]);
    assert.deepEqual(
      hostileInput({ '\ud800': 1 }).map((e) => e.field),
      ['value'],
    );
    assert.deepEqual(hostileInput({ ok: '한국어 😀', n: 1, z: null }), []);
  });
});
