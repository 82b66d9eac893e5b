/**
 * The watcher's HTTP side and the `watch` command. Serves, read-only:
 * - `GET /lab/api/state`: {@link WatchState} (services, pods, the cluster HPA and the shadow decision);
 * - `GET /lab/api/history?since=<epoch ms>`: {@link WatchHistory} recorded after `since`;
 * - `GET /healthz` (the process answers) and `GET /readyz` (the first poll has run);
 * - `GET /lab`: the lab dashboard (`../dashboard`), which draws this state read-only; `/` leads there;
 * - `GET /lab/watch`: a plain table of the services with the cluster's decision and the shadow column.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { dashboardHandler } from '../dashboard/handler.js';
import { problem } from '../http/problem.js';
import { connectKube, inCluster, type KubeSource, parseDurationSeconds } from './kube-adapter.js';
import { type ControllerSettings, DEFAULT_INTERVAL_SECONDS, type WatchedService, type WatchState } from './types.js';
import { ClusterWatcher } from './watcher.js';

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json', JSON.stringify(body));

/** The watcher's own routes; returns false for paths it does not serve. */
export function watchHandler(watcher: ClusterWatcher) {
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    const known = ['/lab/api/state', '/lab/api/history', '/healthz', '/readyz', '/', '/lab/watch', '/lab/watch.js'];
    if (!known.includes(path)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      problem(res, 405, 'WATCH.READ_ONLY', `${req.method} is not allowed: the watcher is read-only.`, undefined, {
        ...SECURITY_HEADERS,
        allow: 'GET, HEAD',
      });
      return true;
    }
    switch (path) {
      case '/lab/api/state':
        json(res, 200, watcher.state());
        break;
      case '/lab/api/history': {
        const raw = new URL(req.url ?? '/', 'http://watcher').searchParams.get('since');
        const since = raw === null || raw === '' ? 0 : Number(raw);
        if (!Number.isFinite(since)) {
          problem(res, 400, 'WATCH.BAD_SINCE', 'since must be epoch milliseconds.', undefined, SECURITY_HEADERS);
        } else json(res, 200, watcher.history(since));
        break;
      }
      case '/healthz':
        json(res, 200, { status: 'ok' });
        break;
      case '/readyz': {
        const polled = watcher.state().polls > 0;
        json(res, polled ? 200 : 503, { status: polled ? 'ready' : 'waiting for the first poll' });
        break;
      }
      case '/':
        res.writeHead(302, { location: '/lab', ...SECURITY_HEADERS });
        res.end();
        break;
      case '/lab/watch.js':
        send(res, 200, 'text/javascript; charset=utf-8', PAGE_SCRIPT);
        break;
      default:
        send(res, 200, 'text/html; charset=utf-8', PAGE);
    }
    return true;
  };
}

/** The watcher's routes, then the dashboard (`/lab`, `/lab/assets/*`); 404 for anything else. */
export function createWatchServer(watcher: ClusterWatcher): Server {
  const handlers = [watchHandler(watcher), dashboardHandler()];
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://watcher').pathname;
    if (handlers.some((handle) => handle(req, res, path))) return;
    problem(res, 404, 'WATCH.NOT_FOUND', `Nothing at ${path}.`, undefined, SECURITY_HEADERS);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The plain table at /lab/watch (the dashboard at /lab draws the same state with charts)

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carebridge lab: cluster watch</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2433; }
  table { border-collapse: collapse; margin-top: 1rem; }
  th, td { padding: .35rem .7rem; border-bottom: 1px solid #dde1e8; text-align: left; vertical-align: top; }
  th { background: #f3f5f8; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .agree { color: #17733b; } .lagging, .warming-up, .partial { color: #9a6400; }
  .disagree, .unable { color: #b3261e; } .no-hpa { color: #6b7280; }
  .notes { color: #4b5563; font-size: 12px; max-width: 36rem; }
  #status { color: #4b5563; }
</style>
</head>
<body>
<h1>Cluster watch</h1>
<p><a href="/lab">Dashboard with charts</a> · <a href="/lab/api/state">state</a> · <a href="/lab/api/history">history</a></p>
<p id="status">Loading…</p>
<table>
  <thead>
    <tr><th>Service</th><th>Replicas (ready / spec)</th><th>CPU / target</th><th>Cluster HPA desired</th>
      <th>Shadow desired</th><th>Verdict</th><th>Why</th></tr>
  </thead>
  <tbody id="services"></tbody>
</table>
<p class="notes">Shadow: what the lab's implementation of the HPA algorithm decides from the same pods, CPU requests
and metrics.k8s.io usage. See docs/lab-watch.md.</p>
<script src="/lab/watch.js"></script>
</body>
</html>
`;

const PAGE_SCRIPT = `'use strict';
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
function row(s) {
  const cpu = s.sample.cpuUtilization === null ? '–' : s.sample.cpuUtilization + '%';
  const target = s.sample.targetUtilization === null ? '' : ' / ' + s.sample.targetUtilization + '%';
  const c = s.comparison;
  const why = [s.shadow ? s.shadow.reason : '', ...c.notes].filter(Boolean).map(esc).join('<br>');
  return '<tr><td>' + esc(s.name) + '</td><td class="num">' + esc(s.deployment.readyReplicas) + ' / ' +
    esc(s.deployment.specReplicas) + '</td><td class="num">' + esc(cpu + target) + '</td><td class="num">' +
    esc(c.clusterDesired ?? '–') + '</td><td class="num">' + esc(c.shadowDesired ?? '–') + '</td><td class="' +
    esc(c.verdict) + '">' + esc(c.verdict) + '</td><td class="notes">' + why + '</td></tr>';
}
async function refresh() {
  try {
    const res = await fetch('/lab/api/state');
    const state = await res.json();
    const last = state.lastPoll;
    document.getElementById('status').textContent = 'Namespace ' + state.namespace + ' on ' + state.server +
      ', every ' + state.intervalSeconds + ' s. ' + (last ? 'Last poll ' + new Date(last.t).toLocaleTimeString() +
      (last.ok ? '' : ' failed: ' + last.error) + (last.metricsError ? ' (metrics: ' + last.metricsError + ')' : '')
      : 'No poll yet.') + ' ' + state.notes.join(' ');
    document.getElementById('services').innerHTML = state.services.map(row).join('');
  } catch (error) {
    document.getElementById('status').textContent = 'Cannot reach the watcher: ' + error;
  }
}
refresh();
setInterval(refresh, 2000);
`;

// ---------------------------------------------------------------------------------------------------------------
// The `watch` command

export interface WatchArgs {
  kubeconfig: string | undefined;
  context: string | undefined;
  namespace: string;
  port: number;
  host: string;
  intervalSeconds: number;
  once: boolean;
  /** The cluster's kube-controller-manager HPA flags, when they are not the defaults. */
  controller: Partial<ControllerSettings>;
}

/** kube-controller-manager's own flag names; durations as Go writes them ("5m0s") or in seconds. */
const CONTROLLER_FLAGS: Record<string, keyof ControllerSettings> = {
  '--horizontal-pod-autoscaler-tolerance': 'tolerance',
  '--horizontal-pod-autoscaler-cpu-initialization-period': 'cpuInitializationPeriodSeconds',
  '--horizontal-pod-autoscaler-initial-readiness-delay': 'initialReadinessDelaySeconds',
  '--horizontal-pod-autoscaler-downscale-stabilization': 'downscaleStabilizationWindowSeconds',
};

const USAGE =
  'npm run lab -- watch [--kubeconfig FILE] [--context NAME] [--namespace NS] [--port 9090] [--host ADDR] ' +
  '[--interval SECONDS] [--once] [--horizontal-pod-autoscaler-{tolerance,cpu-initialization-period,' +
  'initial-readiness-delay,downscale-stabilization} VALUE]';

/** Parses `--name VALUE` / `--name=VALUE` options; throws with the usage on anything else. */
export function parseWatchArgs(args: readonly string[], cwd = process.env.INIT_CWD ?? process.cwd()): WatchArgs {
  const values = new Map<string, string>();
  let once = false;
  const names = [
    '--kubeconfig',
    '--context',
    '--namespace',
    '--port',
    '--host',
    '--interval',
    ...Object.keys(CONTROLLER_FLAGS),
  ];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--once') {
      once = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!names.includes(name)) throw new Error(`unknown argument ${arg}\nUsage: ${USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') throw new Error(`${name} needs a value\nUsage: ${USAGE}`);
    values.set(name, value);
  }
  const port = Number(values.get('--port') ?? 9090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
  const intervalSeconds = Number(values.get('--interval') ?? DEFAULT_INTERVAL_SECONDS);
  if (!(intervalSeconds > 0)) throw new Error('--interval must be a positive number of seconds');
  const kubeconfig = values.get('--kubeconfig');
  const controller: Partial<ControllerSettings> = {};
  for (const [flag, key] of Object.entries(CONTROLLER_FLAGS)) {
    const text = values.get(flag);
    if (text === undefined) continue;
    const value = key === 'tolerance' || /^\d+(\.\d+)?$/.test(text) ? Number(text) : parseDurationSeconds(text);
    if (value === null || !Number.isFinite(value) || value < 0) throw new Error(`${flag}: cannot read ${text}`);
    controller[key] = value;
  }
  return {
    kubeconfig: kubeconfig === undefined ? undefined : resolve(cwd, kubeconfig),
    context: values.get('--context'),
    namespace: values.get('--namespace') ?? 'carebridge',
    port,
    // In a pod the Service must reach it; on a workstation it stays on loopback unless told otherwise.
    host: values.get('--host') ?? (inCluster() ? '0.0.0.0' : '127.0.0.1'),
    intervalSeconds,
    once,
    controller,
  };
}

function summary(s: WatchedService): string {
  const cpu = s.sample.cpuUtilization === null ? '–' : `${s.sample.cpuUtilization}%`;
  const target = s.sample.targetUtilization === null ? '' : `/${s.sample.targetUtilization}%`;
  const base = `${s.name}: ${s.deployment.readyReplicas}/${s.deployment.specReplicas} ready, cpu ${cpu}${target}`;
  if (!s.hpa) return base;
  const c = s.comparison;
  return `${base}, HPA ${c.clusterDesired ?? '–'}, shadow ${c.shadowDesired ?? '–'} (${c.verdict})`;
}

function report(state: WatchState, write: (line: string) => void): void {
  const last = state.lastPoll;
  if (!last) return;
  const time = new Date(last.t).toISOString();
  if (!last.ok) {
    write(`${time} poll failed: ${last.error}`);
    return;
  }
  write(
    `${time} ${state.services.map(summary).join(' | ')}${last.metricsError ? ` [metrics: ${last.metricsError}]` : ''}`,
  );
}

/**
 * `watch`: connects, polls every interval, serves the state until SIGINT/SIGTERM. With `--once`, polls once, prints
 * the state as JSON on stdout and exits (non-zero when the poll failed).
 */
export async function runWatch(argv: string[], source?: KubeSource): Promise<number> {
  let args: WatchArgs;
  try {
    args = parseWatchArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  let kube: KubeSource;
  try {
    kube = source ?? (await connectKube({ kubeconfig: args.kubeconfig, context: args.context }));
  } catch (error) {
    process.stderr.write(`watch: ${(error as Error).message}\n`);
    return 1;
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const watcher = new ClusterWatcher({
    source: kube,
    namespace: args.namespace,
    intervalSeconds: args.intervalSeconds,
    controller: args.controller,
    onPoll: args.once ? undefined : (state) => report(state, log),
  });

  if (args.once) {
    const state = await watcher.poll();
    process.stdout.write(`${JSON.stringify(state)}\n`);
    return state.lastPoll?.ok ? 0 : 1;
  }

  const server = createWatchServer(watcher);
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(args.port, args.host, () => ok());
    });
  } catch (error) {
    process.stderr.write(`watch: cannot listen on ${args.host}:${args.port}: ${(error as Error).message}\n`);
    return 1;
  }
  const { port } = server.address() as AddressInfo;
  const shown = args.host === '0.0.0.0' ? '127.0.0.1' : args.host;
  log(`watching namespace ${args.namespace} on ${kube.server} every ${args.intervalSeconds} s`);
  log(
    `serving http://${shown}:${port}/lab (table: /lab/watch, state: /lab/api/state, history: /lab/api/history?since=)`,
  );
  watcher.start();

  return new Promise<number>((done) => {
    const shutdown = (signal: NodeJS.Signals) => {
      log(`${signal}: stopping`);
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      void Promise.all([watcher.stop(), closed]).then(() => done(0));
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
}
