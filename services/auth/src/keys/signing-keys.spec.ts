import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateKeySet, InvalidKeySetError, SigningKeys } from './signing-keys.js';

describe('SigningKeys', () => {
  it('signs with the first key and publishes every key, public parts only', () => {
    const next = generateKeySet().keys[0];
    const previous = generateKeySet().keys[0];
    const keys = SigningKeys.fromJson(JSON.stringify({ keys: [next, previous] }), 'test');
    assert.equal(keys.current.kid, next?.kid);
    assert.deepEqual(
      keys.publicJwks.keys.map((k) => k.kid),
      [next?.kid, previous?.kid],
    );
    for (const key of keys.publicJwks.keys) assert.equal(key.d, undefined);
  });

  it('explains what is wrong with a key set', () => {
    const key = generateKeySet().keys[0];
    const cases: [unknown, RegExp][] = [
      ['not json', /not valid JSON/],
      [{ keys: [] }, /at least one key/],
      [{ keys: [{ ...key, d: undefined }] }, /private part/],
      [{ keys: [{ ...key, alg: 'RS256' }] }, /EdDSA or ES256/],
      [{ keys: [key, key] }, /distinct kid/],
    ];
    for (const [input, message] of cases) {
      const json = typeof input === 'string' ? input : JSON.stringify(input);
      assert.throws(
        () => SigningKeys.fromJson(json, 'test'),
        (e: unknown) => e instanceof InvalidKeySetError && message.test(e.message),
      );
    }
  });
});
