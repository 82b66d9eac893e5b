// Where a V8 CPU profile (`node --cpu-prof`) spent its busy time: self time by package and by function.
import { readFileSync } from 'node:fs';

const root = new URL('../../..', import.meta.url).pathname;

/** `node_modules/@scope/name/…` → `@scope/name`, our own code → its workspace folder, else `node:` or `(native)`. */
function packageOf(url) {
  if (!url) return '(native, GC)';
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1];
  if (url.startsWith('node:')) return 'node: (core)';
  const own = /\/((?:services|packages)\/[^/]+)\//.exec(url);
  return own ? own[1] : url.replace(/^file:\/\//, '').replace(root, '');
}

const percent = (hits, total) => `${((hits / total) * 100).toFixed(1).padStart(5)} %`;

/** The largest `n` packages and functions by self time, as printable lines. */
export function profileReport(file, n = 25) {
  const { nodes } = JSON.parse(readFileSync(file, 'utf8'));
  // Shares of the time the process was busy: idle time (waiting for wrk or the database) left out.
  const idle = (node) => node.callFrame.functionName === '(idle)';
  const total = nodes.reduce((sum, node) => sum + (idle(node) ? 0 : (node.hitCount ?? 0)), 0);
  const byPackage = new Map();
  const byFunction = new Map();
  for (const node of nodes) {
    if (idle(node)) continue;
    const hits = node.hitCount ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
    const where = url
      ? `${url
          .replace(/^.*node_modules\//, '')
          .replace(/^file:\/\//, '')
          .replace(root, '')}:${lineNumber + 1}`
      : '';
    const key = `${functionName || '(anonymous)'} ${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  }
  const top = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, hits]) => `    ${percent(hits, total)}  ${name}`);
  return ['  by package:', ...top(byPackage), '  by function:', ...top(byFunction)];
}
