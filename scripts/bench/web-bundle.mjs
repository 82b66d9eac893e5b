#!/usr/bin/env node
// The web app's JavaScript budget: what the first page a visitor opens downloads, gzipped.
// For each main page: the entry chunk and everything it imports statically, plus the page's own
// lazy chunk, its imports and the message-catalogue parts it loads. Reads web/dist (run
// `npm run build` first). Exits 1 when a page is over the budget.
//   node scripts/bench/web-bundle.mjs [--budget-kb 100] [--json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('../..', import.meta.url).pathname;
const dist = join(root, 'web', 'dist');
const args = process.argv.slice(2);
const budgetKb = Number(args[args.indexOf('--budget-kb') + 1] || 100);
const asJson = args.includes('--json');

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
} catch {
  console.error('web/dist/.vite/manifest.json is missing: run `npm run build` first.');
  process.exit(1);
}

/**
 * The pages measured: their route module (src/app/routes), loader module (src/app/data) and the
 * catalogue parts their route loads (src/app/router.tsx). This is what a visitor downloads; a
 * signed-in member also loads the buttons and forms (chunks loaded with React.lazy).
 */
const PAGES = [
  { page: 'home', path: '/', module: 'home', data: 'home', parts: ['home'] },
  { page: 'board', path: '/board/free', module: 'board', data: 'board', parts: ['board'] },
  { page: 'post', path: '/board/free/:id', module: 'post', data: 'post', parts: ['board'] },
  { page: 'hospitals', path: '/hospitals', module: 'hospitals', data: 'hospitals', parts: ['hospitals'] },
  { page: 'hospital', path: '/hospitals/:id', module: 'hospital', data: 'hospital', parts: ['hospital'] },
];

function closure(key, seen = new Set()) {
  const chunk = key && manifest[key];
  if (!chunk || seen.has(key)) return seen;
  seen.add(key);
  for (const next of chunk.imports ?? []) closure(next, seen);
  return seen;
}

const sizes = new Map();
function measure(file) {
  if (!sizes.has(file)) {
    const bytes = readFileSync(join(dist, file));
    sizes.set(file, {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return sizes.get(file);
}

// The first bundle: every script index.html loads or preloads, and what those import.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const htmlFiles = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const keyOf = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
const entryKeys = new Set();
for (const file of htmlFiles) closure(keyOf.get(file), entryKeys);
const results = PAGES.map(({ page, path, module, data, parts }) => {
  const keys = new Set(entryKeys);
  closure(`src/app/routes/${module}.tsx`, keys);
  closure(`src/app/data/${data}.ts`, keys);
  for (const part of parts) closure(`src/i18n/ko/${part}.ts`, keys);
  const files = [...keys].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
  const total = files.reduce(
    (sum, file) => {
      const size = measure(file);
      return { raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip, brotli: sum.brotli + size.brotli };
    },
    { raw: 0, gzip: 0, brotli: 0 },
  );
  return { page, path, files: files.length, ...total, withinBudget: total.gzip <= budgetKb * 1000 };
});

const lazy = Object.values(manifest).filter((chunk) => chunk.isDynamicEntry && chunk.file.endsWith('.js'));
const largestLazy = lazy
  .map((chunk) => ({ file: chunk.file, gzip: measure(chunk.file).gzip }))
  .sort((a, b) => b.gzip - a.gzip)[0];

if (asJson) {
  console.log(
    JSON.stringify({ budgetKb, entry: htmlFiles.map((file) => ({ file, ...measure(file) })), pages: results }, null, 2),
  );
} else {
  const kb = (n) => (n / 1000).toFixed(1).padStart(6);
  console.log(
    `index.html loads ${htmlFiles.join(', ')}: ${kb(htmlFiles.reduce((n, f) => n + measure(f).gzip, 0))} KB gzipped`,
  );
  console.log(
    `${lazy.length} chunks load on demand (largest: ${largestLazy?.file}, ${kb(largestLazy?.gzip ?? 0)} KB)\n`,
  );
  console.log('page        path               files   raw KB  gzip KB  brotli KB  budget');
  for (const r of results) {
    console.log(
      `${r.page.padEnd(11)} ${r.path.padEnd(18)} ${String(r.files).padStart(5)}  ${kb(r.raw)}  ${kb(r.gzip)}   ${kb(r.brotli)}    ${r.withinBudget ? 'ok' : 'OVER'} (≤ ${budgetKb} KB)`,
    );
  }
}
process.exit(results.every((r) => r.withinBudget) ? 0 : 1);
