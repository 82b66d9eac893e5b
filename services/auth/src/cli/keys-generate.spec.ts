import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const CLI = new URL('./keys-generate.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'keys-'));
function run(...args: string[]): { kid: string }[] {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as { keys: { kid: string }[] }).keys;
}
function save(name: string, keys: { kid: string }[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ keys }));
  return path;
}

describe('keys:generate rotation in three steps', () => {
  it('stages a new key behind the signing one, promotes it, then retires the old one', () => {
    const first = run();
    assert.equal(first.length, 1);
    const staged = run('--stage', save('a.json', first));
    assert.deepEqual(staged[0]?.kid, first[0]?.kid, 'the old key still signs while the new one is published');
    assert.equal(staged.length, 2);
    const promoted = run('--promote', save('b.json', staged));
    assert.deepEqual(
      promoted.map((k) => k.kid),
      [staged[1]?.kid, staged[0]?.kid],
    );
    const retired = run('--retire', save('c.json', promoted));
    assert.deepEqual(
      retired.map((k) => k.kid),
      [staged[1]?.kid],
    );
  });
});
