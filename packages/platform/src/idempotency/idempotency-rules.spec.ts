import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, decide, type KeyRecord, keyProblem, requestFingerprint } from './idempotency-rules.js';

const record = (extra: Partial<KeyRecord> = {}): KeyRecord => ({
  fingerprint: 'f',
  state: 'pending',
  responseStatus: null,
  responseBody: null,
  leaseUntil: 100,
  expiresAt: 1_000,
  ...extra,
});

describe('idempotency rules', () => {
  it('runs a new key, replays an answered one, waits for a running one', () => {
    assert.deepEqual(decide(undefined, 'f', 0), { action: 'run' });
    assert.deepEqual(decide(record({ state: 'done', responseStatus: 201, responseBody: '{"id":"1"}' }), 'f', 50), {
      action: 'replay',
      status: 201,
      body: { id: '1' },
    });
    assert.deepEqual(decide(record(), 'f', 50), { action: 'wait' });
  });

  it('refuses another request under the key, takes over a dead holder, forgets an expired key', () => {
    assert.deepEqual(decide(record({ state: 'done' }), 'other', 50), { action: 'mismatch' });
    assert.deepEqual(decide(record(), 'f', 100), { action: 'take-over' });
    assert.deepEqual(decide(record({ state: 'done' }), 'other', 1_000), { action: 'forget' });
  });

  it('fingerprints the body whatever the order of its keys, and the path with its query', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }] }), '{"a":[{"x":1,"y":2}],"b":1}');
    assert.equal(requestFingerprint('POST', '/p', { a: 1, b: 2 }), requestFingerprint('POST', '/p', { b: 2, a: 1 }));
    assert.notEqual(requestFingerprint('POST', '/p', { a: 1 }), requestFingerprint('POST', '/p?x', { a: 1 }));
    assert.notEqual(requestFingerprint('POST', '/p', { a: 1 }), requestFingerprint('POST', '/p', { a: 2 }));
  });

  it('accepts UUIDs and refuses empty, long or non-ASCII keys', () => {
    assert.equal(keyProblem('6f1c2a9e-0b7d-4f43-9d2a-4a1e0e1f6b11'), undefined);
    for (const bad of ['', 'x'.repeat(256), '한글', 'with space']) assert.ok(keyProblem(bad), bad);
  });
});
