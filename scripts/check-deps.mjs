#!/usr/bin/env node
// Every workspace declares what it imports, and imports what it declares. Reads the import graph
// of each workspace's own sources (not dist/ or node_modules/) and fails, listing every problem, on:
//  - a package imported but not declared in that workspace's package.json;
//  - a package declared but never imported (unless it is used without an import: see USED_WITHOUT_IMPORT);
//  - a devDependency imported by production code (src/, except specs and tests), which a
//    production install would not have.
// Run: node scripts/check-deps.mjs (also the first step of scripts/run-tests.mjs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Packages a workspace needs although no source file imports them, and why. */
const USED_WITHOUT_IMPORT = {
  '*': {
    typescript: 'the compiler (tsc -b)',
    '@types/node': 'types of Node built-ins',
  },
  '@carebridge/platform': {
    'better-sqlite3': 'the embedded store, loaded by TypeORM by name',
    '@fastify/static': 'serves the OpenAPI UI; @nestjs/swagger loads it by name on Fastify',
    rxjs: 'a peer dependency of @nestjs/common and @nestjs/core',
  },
  '@carebridge/manifests': {
    'kubernetes-models': 'schemas imported by apiVersion (schema-check.ts)',
    '@kubernetes-models/istio': 'schemas imported by apiVersion (schema-check.ts)',
  },
  '@carebridge/delivery': {
    'npm-groovy-lint': 'a CLI the Jenkinsfile test runs',
  },
  '@carebridge/lab': {
    'better-sqlite3': 'the services it starts in-process use the embedded store',
  },
  '@carebridge/web': {
    vite: 'the bundler (vite build, vite.config.ts)',
    vitest: 'the component test runner',
    jsdom: 'the DOM of the component tests (vitest environment)',
    '@testing-library/dom': 'peer of @testing-library/react',
    lighthouse: 'scripts/bench/lib/lighthouse-pages.mjs measures the built app (npm run lighthouse, loadtest)',
    'chrome-launcher': 'scripts/bench/lib/lighthouse-pages.mjs starts Chromium for Lighthouse',
  },
};

const SOURCE = /\.(ts|tsx|mts|js|mjs|cjs|jsx)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'e2e-dist', 'coverage', 'data']);
const IMPORT =
  /(?:^|[^.\w])(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|(?:^|[^.\w])(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;
const BUILTINS = new Set(builtinModules);

function workspaces() {
  const dirs = ['packages', 'services'].flatMap((d) => readdirSync(join(root, d)).map((n) => join(root, d, n)));
  dirs.push(join(root, 'lab'), join(root, 'web'));
  return dirs.filter((dir) => {
    try {
      return statSync(join(dir, 'package.json')).isFile();
    } catch {
      return false;
    }
  });
}

function sourceFiles(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    if (SKIP_DIRS.has(entry) || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (SOURCE.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

export function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  if (BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0])) return undefined;
  if (specifier.startsWith('virtual:') || specifier.includes('?')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The packages a file imports: name -> true when every import of it is type-only (erased at run time). */
export function importsOf(text) {
  const found = new Map();
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const match of code.matchAll(IMPORT)) {
    const name = packageOf(match[2] ?? match[3]);
    if (name) found.set(name, (found.get(name) ?? true) && match[1] !== undefined);
  }
  return found;
}

const typesPackage = (name) => `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;

/**
 * Production code: what a service or package runs from an install without devDependencies — not
 * its tests or test helpers, and nothing of the web app, whose build bundles what it imports.
 */
function isProduction(workspace, file) {
  const path = relative(workspace, file);
  if (workspace === join(root, 'web') || path.includes('/testing/')) return false;
  return path.startsWith('src/') && !/\.(spec|test|e2e)\.[cm]?[jt]sx?$/.test(path);
}

export function check() {
  const problems = new Map();
  for (const workspace of workspaces()) {
    const manifest = JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8'));
    const deps = new Set(Object.keys(manifest.dependencies ?? {}));
    const devDeps = new Set(Object.keys(manifest.devDependencies ?? {}));
    const peers = new Set(Object.keys(manifest.peerDependencies ?? {}));
    const exempt = { ...USED_WITHOUT_IMPORT['*'], ...USED_WITHOUT_IMPORT[manifest.name] };
    const used = new Set();
    const where = relative(root, workspace);
    const declared = (name) => deps.has(name) || devDeps.has(name) || peers.has(name);
    const report = (kind, name, file) => {
      const key = `${where}: ${kind} ${name}`;
      const seen = problems.get(key);
      if (seen) seen.files++;
      else problems.set(key, { at: relative(root, file), files: 1 });
    };
    for (const file of sourceFiles(workspace)) {
      const production = isProduction(workspace, file);
      for (const [name, typeOnly] of importsOf(readFileSync(file, 'utf8'))) {
        if (name === manifest.name) continue;
        used.add(name);
        if (typeOnly && !declared(name) && declared(typesPackage(name))) continue;
        if (!declared(name)) report('imports, without declaring,', name, file);
        else if (production && !typeOnly && !deps.has(name) && !peers.has(name)) {
          report('runs (from production code) the devDependency', name, file);
        }
      }
    }
    for (const name of [...deps, ...devDeps]) {
      const typesOf = name.startsWith('@types/') ? name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2') : '';
      if (used.has(name) || (typesOf && used.has(typesOf)) || name in exempt) continue;
      problems.set(`${where}: declares, but never imports, ${name}`, undefined);
    }
  }
  return [...problems].map(([problem, where]) =>
    where ? `${problem} (${where.at}${where.files > 1 ? ` and ${where.files - 1} more files` : ''})` : problem,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = check();
  if (problems.length > 0) {
    console.error(`Dependency check: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log('Dependency check: every workspace declares what it imports and imports what it declares.');
}
