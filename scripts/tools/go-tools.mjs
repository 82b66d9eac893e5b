#!/usr/bin/env node
// Builds the real cluster tools from their Go modules (through the Go module proxy, nothing else) and
// caches each binary under a folder keyed by its version, so a warm machine restores them at once.
//
//   node scripts/tools/go-tools.mjs            build what is missing, print where the binaries are
//   node scripts/tools/go-tools.mjs --print-bin print only the bin folder (for PATH)
//
// Modules whose go.mod replaces sibling modules with relative paths (Kubernetes' staging modules,
// etcd's api/client/pkg) cannot be `go install`ed; each is built from a small local module that
// requires it and pins every such sibling to the matching released version.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TOOLS } from './versions.mjs';

const cacheRoot = process.env.CAREBRIDGE_TOOLS_CACHE ?? join(homedir(), '.cache', 'carebridge', 'tools');
const binDir = join(cacheRoot, 'bin');

function go(args, cwd, env = {}) {
  return execFileSync('go', args, {
    cwd,
    env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The `replace` directives of a go.mod: relative ones become the sibling's released version. */
export function pinnedReplaces(goMod, siblingVersion) {
  const lines = [];
  const directive = /^\s*(?:replace\s+)?(\S+)(?:\s+(\S+))?\s+=>\s+(\S+)(?:\s+(\S+))?\s*$/;
  let inBlock = false;
  for (const raw of goMod.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '');
    if (/^\s*replace\s*\(\s*$/.test(line)) {
      inBlock = true;
      continue;
    }
    if (inBlock && /^\s*\)\s*$/.test(line)) {
      inBlock = false;
      continue;
    }
    if (!inBlock && !/^\s*replace\s/.test(line)) continue;
    const m = directive.exec(line);
    if (!m) continue;
    const [, from, , to, toVersion] = m;
    if (to.startsWith('./FORBIDDEN') || to.includes('FORBIDDEN_DEPENDENCY')) continue;
    if (to.startsWith('.') || to.startsWith('/')) lines.push(`${from} => ${from} ${siblingVersion(from)}`);
    else lines.push(`${from} => ${to} ${toVersion ?? ''}`.trim());
  }
  return lines;
}

function build(tool) {
  const dir = join(cacheRoot, `${tool.name}-${tool.version}`);
  const done = join(dir, '.complete');
  if (existsSync(done)) return { dir, cached: true };
  rmSync(dir, { recursive: true, force: true });
  const src = join(dir, 'src');
  mkdirSync(src, { recursive: true });
  const started = Date.now();
  process.stdout.write(`… ${tool.name} ${tool.version}: fetching ${tool.module}@${tool.version}\n`);
  const info = JSON.parse(go(['mod', 'download', '-json', `${tool.module}@${tool.version}`], src));
  const replaces = pinnedReplaces(readFileSync(info.GoMod, 'utf8'), tool.siblingVersion ?? (() => tool.version));
  writeFileSync(
    join(src, 'go.mod'),
    [
      'module carebridge.local/tools',
      '',
      `go ${tool.go ?? '1.26'}`,
      '',
      `require ${tool.module} ${tool.version}`,
      '',
      ...replaces.map((r) => `replace ${r}`),
      '',
    ].join('\n'),
  );
  // `go get` resolves only what building the commands needs (`go mod tidy` would also want the
  // tests of every dependency, some of which the module proxy does not serve).
  go(['get', ...tool.packages.map((p) => `${p.path}@${tool.version}`)], src);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  for (const pkg of tool.packages) {
    const t = Date.now();
    process.stdout.write(`… ${tool.name}: building ${pkg.binary}\n`);
    const ldflags = ['-s', '-w', ...(tool.ldflags ?? []).map((x) => `-X ${x}`)].join(' ');
    go(['build', '-trimpath', `-ldflags=${ldflags}`, '-o', join(dir, 'bin', pkg.binary), pkg.path], src, {
      CGO_ENABLED: '0',
    });
    process.stdout.write(`  ${pkg.binary} built in ${((Date.now() - t) / 1000).toFixed(0)} s\n`);
  }
  writeFileSync(done, `${new Date().toISOString()} ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
  return { dir, cached: false };
}

function link(tool, dir) {
  mkdirSync(binDir, { recursive: true });
  for (const pkg of tool.packages) {
    const target = join(dir, 'bin', pkg.binary);
    const at = join(binDir, pkg.binary);
    rmSync(at, { force: true });
    symlinkSync(target, at);
  }
}

function main() {
  if (process.argv.includes('--print-bin')) {
    process.stdout.write(`${binDir}\n`);
    return;
  }
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const started = Date.now();
  for (const tool of TOOLS) {
    if (only.length > 0 && !only.includes(tool.name)) continue;
    const t = Date.now();
    const { dir, cached } = build(tool);
    link(tool, dir);
    const secs = ((Date.now() - t) / 1000).toFixed(1);
    process.stdout.write(`✓ ${tool.name} ${tool.version} ${cached ? '(cached)' : `built in ${secs} s`}\n`);
  }
  process.stdout.write(`cluster tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.stdout.write(`${binDir}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();

/** The folder of a module's source in the module cache (downloaded through the proxy if missing). */
export function moduleDir(module, version) {
  return JSON.parse(go(['mod', 'download', '-json', `${module}@${version}`], homedir())).Dir;
}
