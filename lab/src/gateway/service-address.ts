import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { problem } from '../http/problem.js';
import type { Backend } from './backend.js';
import { type ForwardOptions, forward } from './forward.js';
import { normalizePath } from './normalize-path.js';

const INTERNAL: ForwardOptions = {
  timeoutMs: 30_000,
  retries: { attempts: 2, perTryTimeoutMs: undefined, retryOn: ['connect-failure', 'refused-stream', 'reset'] },
};

/**
 * A service's stable in-cluster address (its ClusterIP Service): every path, /internal included,
 * balanced over the ready replicas. Other services call each other here, never through the gateway.
 * The replicas' fault switch (/lab/fault) is not a service route: only the supervisor calls it, on
 * the replica's own port.
 */
export class ServiceAddress {
  private readonly agent = new Agent({ keepAlive: true });
  private readonly server: Server;
  url = '';

  constructor(backend: Backend) {
    this.server = createServer((req, res) => {
      const target = normalizePath(req.url ?? '');
      if (!target.ok || target.path.startsWith('/lab/')) req.resume();
      if (!target.ok) return problem(res, 400, 'GATEWAY.BAD_PATH', target.reason);
      if (/^\/lab(\/|$)/.test(target.path)) return problem(res, 404, 'GATEWAY.NO_ROUTE', 'Not a service route.');
      void forward(req, res, backend, INTERNAL, this.agent, target.path + target.query);
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  close(): Promise<void> {
    this.agent.destroy();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
