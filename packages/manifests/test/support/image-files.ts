// Reads a mounted image's file tree: what must never ship (sources, tests, keys, repository state)
// and which installed packages the workspace's production dependencies do not account for.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface LockPackage {
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
type Lock = { packages: Record<string, LockPackage> };

/** The parent install location of `node_modules/a/node_modules/b` is `node_modules/a`; of a workspace, the root. */
function parentOf(location: string): string | undefined {
  if (location === '') return undefined;
  const at = location.lastIndexOf('node_modules/');
  return at <= 0 ? '' : location.slice(0, at - 1);
}

function resolveFrom(lock: Lock, from: string, name: string): string | undefined {
  for (let at: string | undefined = from; at !== undefined; at = parentOf(at)) {
    const key = at ? `${at}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[key]) return key;
  }
  return undefined;
}

/**
 * Install locations (package-lock keys) a workspace needs at run time: its dependencies, optional
 * dependencies and required peers, transitively. Optional peers and devDependencies are not followed.
 */
export function productionClosure(lock: Lock, workspace: string): Set<string> {
  const seen = new Set<string>();
  const queue = [workspace];
  while (queue.length > 0) {
    const location = queue.pop() as string;
    if (seen.has(location)) continue;
    seen.add(location);
    const entry = lock.packages[location];
    if (!entry) continue;
    if (entry.link && entry.resolved) {
      queue.push(entry.resolved);
      continue;
    }
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional);
    for (const name of [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...peers,
    ]) {
      const found = resolveFrom(lock, location, name);
      if (found) queue.push(found);
    }
  }
  return seen;
}

/** Installed package folders under `appRoot` (relative to it), as package-lock keys; links skipped. */
export function installedPackages(appRoot: string): string[] {
  const out: string[] = [];
  const visitModules = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if (name.startsWith('@')) {
        visitModules(path);
        continue;
      }
      if (lstatSync(path).isSymbolicLink()) continue;
      out.push(relative(appRoot, path));
      visitModules(join(path, 'node_modules'));
    }
  };
  const visitTree = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (!lstatSync(path).isDirectory()) continue;
      if (name === 'node_modules') visitModules(path);
      else visitTree(path);
    }
  };
  visitTree(appRoot);
  return out.sort();
}

export function walkFiles(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) walkFiles(path, out);
    else out.push(path);
  }
  return out;
}

/** Paths (relative to `root`) that must not be in an image, each with the reason. */
export function forbiddenFiles(root: string, dirs: string[]): string[] {
  const problems: string[] = [];
  for (const dir of dirs) {
    for (const path of walkFiles(join(root, dir))) {
      const rel = relative(root, path);
      const ours = !rel.split('/').includes('node_modules');
      const parts = rel.split('/');
      if (parts.includes('.git')) problems.push(`${rel}: repository state (.git)`);
      else if (parts.includes('.data')) problems.push(`${rel}: local data (.data)`);
      else if (/\.(ts|tsx|mts|cts)$/.test(rel)) problems.push(`${rel}: TypeScript`);
      else if (/\.(pem|key|p12)$/.test(rel) || /jwt-keys[^/]*\.json$/.test(rel)) problems.push(`${rel}: key material`);
      else if (
        ours &&
        (/\.(spec|e2e|test)\.[cm]?js$/.test(rel) || parts.some((p) => ['test', 'e2e', 'e2e-dist'].includes(p)))
      )
        problems.push(`${rel}: a test`);
      else if (ours && lstatSync(path).size < 1_000_000 && readFileSync(path, 'latin1').includes('PRIVATE KEY-----'))
        problems.push(`${rel}: holds a private key`);
    }
  }
  return problems;
}
