// What the lab's e2e suites (and the fault suite) share: copies of the manifests with short timings, the board
// alone behind the gateway, requests sent exactly as written, and the codes auth mails to new members.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editYamlFile, MANIFEST_TREES } from '@carebridge/manifests';
import { TestClient } from '@carebridge/platform/testing';
import { Cluster, type ClusterOptions, type RunningService } from '../src/cluster.js';
import { mailedCode } from '../src/load/auth-outbox.js';
import { REPO_ROOT } from '../src/services.js';

type Doc = Record<string, any>;

/**
 * A copy of the repository's manifests with the board's timings shortened (1 s probe periods,
 * 2 s ejections, a 1 s preStop pause), so a test sees probes, restarts and ejections in seconds.
 * `edit` may change anything further, document by document.
 */
export function testManifests(edit: (file: string, doc: Doc) => void = () => {}): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'carebridge-lab-manifests-'));
  for (const dir of MANIFEST_TREES) cpSync(join(REPO_ROOT, dir), join(root, dir), { recursive: true });
  editYamlFile(join(root, 'k8s/base/board.yaml'), (doc: Doc) => {
    if (doc.kind === 'Deployment') {
      const pod = doc.spec.template.spec;
      const c = pod.containers[0];
      c.startupProbe = { ...c.startupProbe, periodSeconds: 1, failureThreshold: 30 };
      c.livenessProbe = { ...c.livenessProbe, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 2 };
      c.readinessProbe = {
        ...c.readinessProbe,
        periodSeconds: 1,
        timeoutSeconds: 1,
        failureThreshold: 1,
        successThreshold: 1,
      };
      c.lifecycle = { preStop: { sleep: { seconds: 1 } } };
      pod.terminationGracePeriodSeconds = 10;
    }
    edit('k8s/base/board.yaml', doc);
  });
  editYamlFile(join(root, 'istio/destination-rules.yaml'), (doc: Doc) => {
    if (doc.metadata.name === 'board') {
      doc.spec.trafficPolicy.outlierDetection = {
        consecutive5xxErrors: 3,
        consecutiveGatewayErrors: 3,
        interval: '1s',
        baseEjectionTime: '2s',
        maxEjectionPercent: 50,
      };
    }
    edit('istio/destination-rules.yaml', doc);
  });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The lab running the board alone from `manifestsRoot`, on a free local port; `options` add to or replace the defaults. */
export async function startBoardLab(
  manifestsRoot: string,
  dataDir: string,
  options: Partial<ClusterOptions> = {},
): Promise<{ cluster: Cluster; board: RunningService; api: TestClient }> {
  const cluster = await Cluster.start({
    manifestsRoot,
    only: ['board'],
    port: 0,
    host: '127.0.0.1',
    dataDir,
    env: { LOG_LEVEL: 'warn' },
    log: () => {},
    ...options,
  });
  const board = cluster.services.get('board') as RunningService;
  return { cluster, board, api: new TestClient(`http://127.0.0.1:${cluster.port}`) };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A request to 127.0.0.1:`port` with the path exactly as written (fetch() would resolve `..` and `%2e` before
 * sending), on a connection of its own; `localAddress` sends it from another loopback address.
 */
export function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<RawAnswer> {
  const { method = 'GET', headers = {}, body, localAddress } = options;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, localAddress, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export { authStore, codeIn, latestMail, mailedCode } from '../src/load/auth-outbox.js';

/** Signs up, confirms the email with the code mailed at sign-up, and signs in: a token that may write. */
export async function writerToken(api: TestClient, authDb: string, member: Record<string, unknown>): Promise<string> {
  assert.equal((await api.post('/api/auth/signup', member)).status, 202);
  const credentials = { email: member.email, password: member.password };
  const first = (await api.post('/api/auth/login', credentials)).body.accessToken;
  const code = mailedCode(authDb, String(member.email));
  assert.equal((await api.post('/api/auth/email/verify', { code }, { token: first })).status, 200);
  return (await api.post('/api/auth/login', credentials)).body.accessToken;
}
