/**
 * A small `metrics.k8s.io/v1beta1` server (what metrics-server serves), for the real HPA controller of a local
 * control plane: kube-apiserver's aggregator proxies `PodMetrics` lists to it over TLS. Only the front proxy may
 * call it: the client certificate must chain to the front-proxy CA (`--requestheader-client-ca-file`) and carry
 * an allowed name (`--requestheader-allowed-names`); the API server has authorized the caller before proxying.
 * What each pod uses comes from a {@link MetricsSource} (a scripted curve, or what the lab measures).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { parseLabelSelector } from './selector.js';
import type { ServingCert } from './tls.js';

export const GROUP_VERSION = 'metrics.k8s.io/v1beta1';

export interface MetricsPod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  containers: string[];
}

export interface MetricsSource {
  pods(namespace: string | null): MetricsPod[];
  /** CPU in millicores and memory in bytes per container, or `null` when there is no sample (yet). */
  usage(pod: MetricsPod, now: number): { cpuMilli: number; memoryBytes: number } | null;
  /** `window` of the samples, seconds. */
  windowSeconds: number;
}

export interface MetricsServerOptions {
  tls: ServingCert;
  /** PEM of the front-proxy CA. */
  frontProxyCa: string;
  allowedNames: string[];
  source: MetricsSource;
  port?: number;
  now?: () => number;
  /** Each answered list (for tests and the comparison's record). */
  onServe?: (path: string, items: number) => void;
}

const RESOURCES = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: GROUP_VERSION,
  resources: [
    { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
  ],
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const statusBody = (code: number, reason: string, message: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  message,
  reason,
  code,
});

export interface RunningMetricsServer {
  port: number;
  close(): Promise<void>;
}

export function podMetrics(pod: MetricsPod, source: MetricsSource, now: number): Record<string, unknown> | null {
  const usage = source.usage(pod, now);
  if (usage === null) return null;
  const share = (n: number) => Math.ceil(n / Math.max(pod.containers.length, 1));
  return {
    kind: 'PodMetrics',
    apiVersion: GROUP_VERSION,
    metadata: { name: pod.name, namespace: pod.namespace, labels: pod.labels },
    timestamp: new Date(now).toISOString(),
    window: `${source.windowSeconds}s`,
    containers: pod.containers.map((name) => ({
      name,
      usage: { cpu: `${share(usage.cpuMilli)}m`, memory: `${share(usage.memoryBytes)}` },
    })),
  };
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<RunningMetricsServer> {
  const now = options.now ?? Date.now;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate?.();
    if (!socket.authorized || !peer?.subject || !options.allowedNames.includes(String(peer.subject.CN))) {
      send(res, 401, statusBody(401, 'Unauthorized', 'only the API server front proxy may call this server'));
      return;
    }
    const url = new URL(req.url ?? '/', 'https://metrics');
    const path = url.pathname.replace(/\/$/, '');
    if (req.method !== 'GET') return send(res, 405, statusBody(405, 'MethodNotAllowed', 'read only'));
    if (path === '/healthz' || path === '/readyz' || path === '/livez') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (path === `/apis/${GROUP_VERSION}`) return send(res, 200, RESOURCES);
    const m = /^\/apis\/metrics\.k8s\.io\/v1beta1(?:\/namespaces\/([^/]+))?\/pods(?:\/([^/]+))?$/.exec(path);
    if (!m) return send(res, 404, statusBody(404, 'NotFound', `${path} is not served here`));
    const [, namespace = null, name] = m;
    let matches: (labels: Record<string, string>) => boolean;
    try {
      matches = parseLabelSelector(url.searchParams.get('labelSelector') ?? '');
    } catch (error) {
      return send(res, 400, statusBody(400, 'BadRequest', (error as Error).message));
    }
    const t = now();
    const items = options.source
      .pods(namespace)
      .filter((p) => (name === undefined ? matches(p.labels) : p.name === name))
      .map((p) => podMetrics(p, options.source, t))
      .filter((p): p is Record<string, unknown> => p !== null);
    options.onServe?.(path, items.length);
    if (name !== undefined) {
      if (items.length === 0) return send(res, 404, statusBody(404, 'NotFound', `podmetrics "${name}" not found`));
      return send(res, 200, items[0]);
    }
    send(res, 200, { kind: 'PodMetricsList', apiVersion: GROUP_VERSION, metadata: {}, items });
  };
  const server: Server = createHttpsServer(
    {
      key: options.tls.key,
      cert: options.tls.cert,
      ca: options.frontProxyCa,
      requestCert: true,
      rejectUnauthorized: false,
    },
    handle,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
