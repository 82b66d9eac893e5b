#!/usr/bin/env node
// Runs every compiled test file of every workspace in one `node --test` run, so the output ends
// with a single summary. Unit specs (`*.spec.js`) run first, then e2e suites (`*.e2e.js`).
// Arguments narrow the run to paths containing any of them: `npm test -- auth`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaceRoots = ['packages', 'services'].flatMap((dir) =>
  readdirSync(join(root, dir)).map((name) => join(root, dir, name)),
);
workspaceRoots.push(join(root, 'lab'));

function collect(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (/\.(spec|e2e)\.js$/.test(entry)) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = workspaceRoots
  .flatMap((ws) => collect(join(ws, 'dist')))
  .filter((file) => filters.length === 0 || filters.some((f) => relative(root, file).includes(f)))
  .sort((a, b) => Number(a.endsWith('.e2e.js')) - Number(b.endsWith('.e2e.js')) || a.localeCompare(b));

if (files.length === 0) {
  console.error('No test files found. Did the build run? (npm run build)');
  process.exit(1);
}
console.log(`Running ${files.length} test files:`);
for (const file of files) console.log(`  ${relative(root, file)}`);

const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=1', '--test-timeout=300000', ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
