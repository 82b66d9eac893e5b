import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Handler } from '../gateway/gateway.js';
import { SECURITY_HEADERS } from '../gateway/static-files.js';
import { DASHBOARD_CSS, DASHBOARD_HTML } from './page.js';

/** The compiled browser modules: `client/*.ts` (pure, shared with the reports) and `client/browser/*.ts` (the DOM). */
const CLIENT_DIR = fileURLToPath(new URL('./client/', import.meta.url));
const MODULE_NAME = /^(browser\/)?[a-z][a-z0-9-]*\.js$/;

interface Asset {
  type: string;
  body: Buffer;
}

/**
 * The lab dashboard, for mounting on the gateway: serves `/lab` (and `/lab/`) and its assets under
 * `/lab/assets/` (`style.css` and the ES modules `browser/app.js`, `chart.js`, …), with the web app's
 * security headers (scripts and styles from this origin only). Answers `false` for every other
 * path, `/lab/api/*` and `/lab/metrics` included.
 */
export function dashboardHandler(): Handler {
  const cache = new Map<string, Asset>();
  const asset = (path: string): Asset | undefined => {
    const hit = cache.get(path);
    if (hit) return hit;
    let found: Asset | undefined;
    if (path === '/lab' || path === '/lab/') {
      found = { type: 'text/html; charset=utf-8', body: Buffer.from(DASHBOARD_HTML) };
    } else if (path === '/lab/assets/style.css') {
      found = { type: 'text/css; charset=utf-8', body: Buffer.from(DASHBOARD_CSS) };
    } else if (path.startsWith('/lab/assets/')) {
      const name = path.slice('/lab/assets/'.length);
      const file = CLIENT_DIR + name;
      if (MODULE_NAME.test(name) && existsSync(file)) {
        // Source maps point outside the served tree; browsers do not need them.
        const code = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
        found = { type: 'text/javascript; charset=utf-8', body: Buffer.from(code) };
      }
    }
    if (found) cache.set(path, found);
    return found;
  };

  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (path !== '/lab' && path !== '/lab/' && !path.startsWith('/lab/assets/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Method not allowed');
      return true;
    }
    const found = asset(path);
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Not found');
      return true;
    }
    res.writeHead(200, {
      'content-type': found.type,
      'content-length': found.body.length,
      'cache-control': 'no-cache',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : found.body);
    return true;
  };
}
