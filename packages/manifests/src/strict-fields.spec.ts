import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unknownFields } from './strict-fields.js';

/** A hand-written validator that reads what a schema with these properties would read. */
function validator(tracked: unknown) {
  const doc = tracked as { spec?: { replicas?: number; labels?: Record<string, string>; free?: unknown } };
  void doc.spec?.replicas;
  if (doc.spec?.labels) for (const key of Object.keys(doc.spec.labels)) void doc.spec.labels[key];
  void doc.spec?.free;
}

describe('unknownFields', () => {
  it('names keys the validator never read beside ones it did', () => {
    assert.deepEqual(unknownFields({ spec: { replicas: 3, replica: 2 }, sepc: {} }, validator), [
      'spec.replica',
      'sepc',
    ]);
  });

  it('leaves alone maps the validator enumerates and objects it never looks into', () => {
    const doc = { spec: { labels: { anything: 'goes' }, free: { whatever: { deep: true } } } };
    assert.deepEqual(unknownFields(doc, validator), []);
  });

  it('walks arrays element by element', () => {
    const itemValidator = (tracked: unknown) => {
      for (const item of (tracked as { items: { name?: string }[] }).items) void item.name;
    };
    assert.deepEqual(unknownFields({ items: [{ name: 'a' }, { name: 'b', nmae: 'c' }] }, itemValidator), [
      'items[1].nmae',
    ]);
  });
});
