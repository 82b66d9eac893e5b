#!/usr/bin/env node
// Runs every compiled test file of every workspace in one `node --test` run, so the output ends
// with a single summary. Unit specs (`*.spec.js`) run first, then e2e suites (`*.e2e.js`), then the
// checks of whole-system goals (`*.check.js`: the fault suite's short form, a few minutes, as root).
// Arguments narrow the run to paths containing any of them: `npm test -- auth`.
// The web app's component tests (Vitest) run first, on their own; a failure there fails the run.
// Its browser tests are compiled to web/e2e-dist/*.e2e.js and run here with the other e2e suites.
// Before the tests, scripts/check-deps.mjs checks that each workspace declares what it imports.
// TEST_JUNIT_FILE=path also writes a JUnit report there (for CI), keeping the spec output on stdout.
// Suites start the shared local control plane (scripts/cluster/up.sh) when they need one; a run that
// found none running stops it at the end, so it does not go on taking CPU from what runs next (a
// benchmark, the load test). A control plane started by hand (`npm run cluster:up`) is left running.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaceRoots = ['packages', 'services'].flatMap((dir) =>
  readdirSync(join(root, dir)).map((name) => join(root, dir, name)),
);
workspaceRoots.push(join(root, 'lab'));
/** Where each workspace's compiled tests are: `dist/`, except the web app (its dist/ is the site). */
const testDirs = (ws) => (ws === join(root, 'web') ? [join(ws, 'e2e-dist')] : [join(ws, 'dist')]);
workspaceRoots.push(join(root, 'web'));

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
    else if (/\.(spec|e2e|check)\.m?js$/.test(entry)) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
/** Unit specs, then e2e suites, then whole-system checks. */
const stage = (file) => (/\.check\.m?js$/.test(file) ? 2 : /\.e2e\.m?js$/.test(file) ? 1 : 0);

// The dependency check reads sources only; it runs first on a whole run or when asked (`deps`).
if (filters.length === 0 || filters.includes('deps')) {
  const deps = spawnSync(process.execPath, [join(root, 'scripts', 'check-deps.mjs')], { stdio: 'inherit', cwd: root });
  if (deps.status !== 0) process.exit(deps.status ?? 1);
  if (filters.length === 1) process.exit(0);
}
// The repository's own scripts (benchmarks, the load test) keep their specs beside them, uncompiled.
const files = [
  ...workspaceRoots.flatMap((ws) => testDirs(ws).flatMap((dir) => collect(dir))),
  ...collect(join(root, 'scripts')),
]
  .filter((file) => filters.length === 0 || filters.some((f) => relative(root, file).includes(f)))
  .sort((a, b) => stage(a) - stage(b) || a.localeCompare(b));

const webSelected = filters.length === 0 || filters.some((f) => f.startsWith('web'));
if (webSelected) {
  console.log('Web app component tests (Vitest):');
  const vitest = spawnSync('npm', ['run', 'test', '--workspace=@carebridge/web', '--silent'], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test' },
  });
  if (vitest.status !== 0) {
    console.error('The web app component tests failed.');
    process.exit(vitest.status ?? 1);
  }
}

if (files.length === 0) {
  console.error('No test files found. Did the build run? (npm run build)');
  process.exit(1);
}
console.log(`Running ${files.length} test files:`);
for (const file of files) console.log(`  ${relative(root, file)}`);

const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
if (process.env.TEST_JUNIT_FILE) {
  const junit = resolve(root, process.env.TEST_JUNIT_FILE);
  mkdirSync(dirname(junit), { recursive: true });
  reporters.push('--test-reporter=junit', `--test-reporter-destination=${junit}`);
  console.log(`JUnit report: ${relative(root, junit)}`);
}

const clusterDir = process.env.CAREBRIDGE_CLUSTER_DIR ?? join(homedir(), '.cache/carebridge/cluster');
const controlPlaneRunning = () => {
  try {
    process.kill(Number(readFileSync(join(clusterDir, 'kube-apiserver.pid'), 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
};
const controlPlaneWasRunning = controlPlaneRunning();

const result = spawnSync(
  process.execPath,
  ['--test', ...reporters, '--test-concurrency=1', '--test-timeout=900000', ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_ENV: 'test' } },
);
if (!controlPlaneWasRunning && controlPlaneRunning()) {
  console.log('Stopping the local control plane the tests started (scripts/cluster/down.sh)');
  spawnSync('bash', [join(root, 'scripts/cluster/down.sh')], { stdio: 'inherit', cwd: root });
}
process.exit(result.status ?? 1);
