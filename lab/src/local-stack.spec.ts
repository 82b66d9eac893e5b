import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startOrder } from './local-stack.js';
import type { ServiceDefinition } from './services.js';

const svc = (name: string, after?: string[]): ServiceDefinition => ({
  name,
  entry: `${name}.js`,
  routes: [],
  readinessPath: '/readyz',
  ...(after ? { after } : {}),
});

describe('startOrder', () => {
  it('starts services after the ones they need, others together', () => {
    const waves = startOrder([svc('auth', ['board', 'hospital']), svc('board'), svc('hospital'), svc('web', ['auth'])]);
    assert.deepEqual(
      waves.map((w) => w.map((s) => s.name)),
      [['board', 'hospital'], ['auth'], ['web']],
    );
  });

  it('refuses cycles and unknown services', () => {
    assert.throws(() => startOrder([svc('a', ['b']), svc('b', ['a'])]), /wait on each other/);
    assert.throws(() => startOrder([svc('a', ['nope'])]), /a/);
  });
});
