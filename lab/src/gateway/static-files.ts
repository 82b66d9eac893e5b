import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The same headers web/nginx.conf sends in the cluster. */
export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
};

/**
 * Serves the built web app like the web image's nginx: hashed files under /assets/ are cached for a
 * year, anything else that is not a file is a client-side route and gets index.html.
 */
export class StaticFiles {
  constructor(private readonly root: string) {}

  get available(): boolean {
    return existsSync(join(this.root, 'index.html'));
  }

  serve(req: IncomingMessage, res: ServerResponse, path: string): void {
    const file = this.resolve(path);
    const isAsset = path.startsWith('/assets/');
    if (!file) {
      if (isAsset || extname(path) !== '') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
        res.end('Not found');
        return;
      }
      this.send(req, res, join(this.root, 'index.html'), 'no-cache');
      return;
    }
    this.send(req, res, file, isAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
  }

  private resolve(path: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    const file = normalize(join(this.root, decoded));
    if (!file.startsWith(this.root + sep)) return undefined;
    try {
      return statSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  }

  /** Sends the build's precompressed copy (`.br`, `.gz`) when the browser accepts it, as nginx's gzip_static does. */
  private send(req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string): void {
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoded =
      accepts.includes('br') && existsSync(`${file}.br`)
        ? { path: `${file}.br`, encoding: 'br' }
        : accepts.includes('gzip') && existsSync(`${file}.gz`)
          ? { path: `${file}.gz`, encoding: 'gzip' }
          : undefined;
    const path = encoded?.path ?? file;
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(path).size,
      'cache-control': cacheControl,
      vary: 'Accept-Encoding',
      ...(encoded ? { 'content-encoding': encoded.encoding } : {}),
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(path).pipe(res);
  }
}
