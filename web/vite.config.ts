import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Writes `file.gz` and `file.br` beside every text file of the build, so a server can send them
 * as they are (nginx `gzip_static`, or the gateway) instead of compressing on each request.
 */
function precompress(): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? (name === '.vite' ? [] : walk(path)) : [path];
    });
  return {
    name: 'carebridge-precompress',
    apply: 'build',
    writeBundle(options) {
      for (const file of walk(options.dir ?? 'dist')) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

const contracts = fileURLToPath(new URL('../packages/contracts/src/index.ts', import.meta.url));
/**
 * react-router's package exports only its development build (dev warnings on) to bundlers; the
 * production build beside it is the same code with the warnings compiled out (about 1 KB gzipped).
 */
const routerProduction = createRequire(import.meta.url)
  .resolve('react-router')
  .replace(/[\\/]development[\\/]index\.m?js$/, '/production/index.mjs');

/**
 * The libraries and the app's frame, client, catalogue core and API functions. The contracts go
 * whole, but for the paths only some pages call (the member's own lists, notifications, the
 * account API), which load with those pages.
 */
const FIRST_LOAD =
  /node_modules|packages\/contracts\/src\/(?!activity\.|auth-api\.|notifications\.)|\/src\/(main\.tsx|lib\/(?!field-errors|use-action|use-optimistic-toggle|drafts|relative-time|rich-text|theme)|config\/|app\/(layout|router)|app\/data\/shared|i18n\/ko\/core|components\/(route-error|page)\.|features\/(board\/api\/posts|hospitals\/api\/hospitals)\.)/;
/** Small pieces nearly every page uses: the invitation to join and paging. */
const SHARED = /\/src\/components\/(insider-prompt|load-more)\./;

export default defineConfig(({ mode }) => ({
  plugins: [react(), precompress()],
  resolve: {
    alias: {
      '@carebridge/contracts': contracts,
      ...(mode === 'production' ? { 'react-router': routerProduction } : {}),
    },
  },
  build: {
    target: 'es2022',
    // The preload polyfill only matters for browsers without modulepreload; keep the entry small.
    modulePreload: { polyfill: false },
    manifest: true,
    rollupOptions: {
      output: {
        // Fewer, larger files for the first page: many tiny shared chunks compress worse (each
        // gzip stream starts from nothing) and cost a request each. Pages stay lazy.
        codeSplitting: {
          groups: [
            { name: 'app', test: FIRST_LOAD, priority: 2 },
            { name: 'shared', test: SHARED, priority: 1 },
          ],
        },
      },
    },
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': process.env.CAREBRIDGE_API ?? 'http://localhost:8080' } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    restoreMocks: true,
  },
}));
