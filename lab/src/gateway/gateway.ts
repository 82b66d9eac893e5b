import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { problem } from '../http/problem.js';
import type { Backend } from './backend.js';
import { type ForwardOptions, forward } from './forward.js';
import { landingPage } from './landing-page.js';
import { normalizePath } from './normalize-path.js';
import type { StaticFiles } from './static-files.js';

export interface Route {
  prefix: string;
  backend: Backend;
  options: ForwardOptions;
}

/** Extra handlers mounted on the gateway (the lab's own API), given the normalised path; return false to pass. */
export type Handler = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

/**
 * The local ingress gateway: routes by path prefix (longest first, as the VirtualService orders
 * them), balances each route's service, serves the web app for everything else. The path is
 * normalised first (normalize-path.ts) and only the normalised path is routed and forwarded, so no
 * `..` or escape can step from a public prefix onto /internal or the replicas' /lab/fault. Probe
 * endpoints and /internal are never routed, as in the cluster.
 */
export class Gateway {
  readonly agent = new Agent({ keepAlive: true, maxSockets: 512 });
  private readonly server: Server;
  private readonly routes: Route[];

  constructor(
    routes: Route[],
    private readonly web?: StaticFiles,
    private readonly handlers: Handler[] = [],
  ) {
    this.routes = [...routes].sort((a, b) => b.prefix.length - a.prefix.length);
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  /** Where it listens, once listening. */
  address(): AddressInfo | undefined {
    return (this.server.address() as AddressInfo | null) ?? undefined;
  }

  close(): Promise<void> {
    this.agent.destroy();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const target = normalizePath(req.url ?? '');
    if (!target.ok) {
      req.resume();
      problem(res, 400, 'GATEWAY.BAD_PATH', target.reason);
      return;
    }
    const { path, query } = target;
    for (const handler of this.handlers) if (handler(req, res, path)) return;
    const route = this.routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
    if (route) {
      void forward(req, res, route.backend, route.options, this.agent, path + query);
      return;
    }
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
    // Read any body to its end so the connection stays usable for the client's next request.
    req.resume();
    problem(res, 404, 'GATEWAY.NO_ROUTE', `No service serves ${path}.`);
  }
}
