import { randomUUID } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { landingPage } from './landing-page.js';
import type { StaticFiles } from './static-files.js';

/** Where a route's requests can go: the base URLs of the replicas ready to take traffic now. */
export interface Backend {
  name: string;
  readyUrls(): string[];
}

export interface Route {
  prefix: string;
  backend: Backend;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The local ingress: routes by path prefix (longest first) to a ready replica, round robin,
 * streaming bodies both ways; everything else is the web app, when it is built. Probe endpoints
 * are not routed, as in the cluster.
 */
export class Gateway {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly server: Server;
  private readonly routes: Route[];
  private readonly cursor = new Map<string, number>();

  constructor(
    routes: Route[],
    private readonly web?: StaticFiles,
    private readonly timeoutMs = 30_000,
  ) {
    this.routes = [...routes].sort((a, b) => b.prefix.length - a.prefix.length);
    this.server = createServer((req, res) => this.handle(req, res));
  }

  listen(port: number, host = '0.0.0.0'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    this.agent.destroy();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = this.routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
    if (!route) {
      const readOnly = req.method === 'GET' || req.method === 'HEAD';
      if (readOnly && this.web?.available && !path.startsWith('/api/')) {
        this.web.serve(req, res, path);
        return;
      }
      if (path === '/' && readOnly) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : landingPage(this.routes.map((r) => r.prefix)));
        return;
      }
      problem(res, 404, 'GATEWAY.NO_ROUTE', `No service serves ${path}.`);
      return;
    }
    const target = this.pick(route.backend);
    if (!target) {
      problem(res, 503, 'GATEWAY.NO_READY_REPLICA', `No replica of ${route.backend.name} is ready.`, {
        'retry-after': '1',
      });
      return;
    }
    this.forward(req, res, target);
  }

  private pick(backend: Backend): string | undefined {
    const urls = backend.readyUrls();
    if (urls.length === 0) return undefined;
    const next = (this.cursor.get(backend.name) ?? 0) % urls.length;
    this.cursor.set(backend.name, next + 1);
    return urls[next];
  }

  private forward(req: IncomingMessage, res: ServerResponse, target: string): void {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    const requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID();
    headers['x-request-id'] = requestId;
    const client = req.socket.remoteAddress ?? '';
    const forwardedFor = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${client}` : client;
    headers['x-forwarded-proto'] = 'http';

    const url = new URL(req.url ?? '/', target);
    const upstream = request(
      url,
      { method: req.method, headers, agent: this.agent, timeout: this.timeoutMs },
      (answer) => {
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      const timedOut = error.message === 'upstream timeout';
      problem(
        res,
        timedOut ? 504 : 502,
        timedOut ? 'GATEWAY.UPSTREAM_TIMEOUT' : 'GATEWAY.UPSTREAM_ERROR',
        timedOut ? 'The service took too long to answer.' : 'The service could not be reached.',
        { 'x-request-id': requestId },
      );
    });
    req.pipe(upstream);
  }
}

function problem(
  res: ServerResponse,
  status: number,
  key: string,
  detail: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(
    JSON.stringify({
      type: `urn:carebridge:problem:${key.toLowerCase()}`,
      title: status === 404 ? 'Not Found' : 'Bad Gateway',
      status,
      detail,
      key,
    }),
  );
}
