/**
 * A small fake Kubernetes API server for the watcher's tests — the one fake in the project. It serves recorded
 * list responses from `fixtures/kube/<scene>/` over real HTTP:
 *
 * | path                                                         | file                            |
 * |--------------------------------------------------------------|---------------------------------|
 * | `/apis/apps/v1/namespaces/NS/deployments`                    | `deployments.json`              |
 * | `/apis/autoscaling/v2/namespaces/NS/horizontalpodautoscalers`| `horizontalpodautoscalers.json` |
 * | `/api/v1/namespaces/NS/pods`                                 | `pods.json`                     |
 * | `/apis/metrics.k8s.io/v1beta1/namespaces/NS/pods`            | `podmetrics.json`               |
 *
 * A scene's `scene.json` says when it was recorded (`recordedAt`), in which namespace, and may `extend` another
 * scene for the files it does not have. A file holding a `Status` object is answered with its `code`, as the API
 * server answers errors. Requests need the kubeconfig's bearer token (401 otherwise); other namespaces have empty
 * lists, other paths are 404. Every request is recorded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const FIXTURES = new URL('../../test/fixtures/kube/', import.meta.url).pathname;
export const TOKEN = 'fake-token-for-the-lab-watcher';

export interface Scene {
  recordedAt: string;
  namespace: string;
  description: string;
  extends?: string;
}

const ROUTES: { pattern: RegExp; file: string; kind: string; apiVersion: string }[] = [
  {
    pattern: /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments$/,
    file: 'deployments.json',
    kind: 'DeploymentList',
    apiVersion: 'apps/v1',
  },
  {
    pattern: /^\/apis\/autoscaling\/v2\/namespaces\/([^/]+)\/horizontalpodautoscalers$/,
    file: 'horizontalpodautoscalers.json',
    kind: 'HorizontalPodAutoscalerList',
    apiVersion: 'autoscaling/v2',
  },
  { pattern: /^\/api\/v1\/namespaces\/([^/]+)\/pods$/, file: 'pods.json', kind: 'PodList', apiVersion: 'v1' },
  {
    pattern: /^\/apis\/metrics\.k8s\.io\/v1beta1\/namespaces\/([^/]+)\/pods$/,
    file: 'podmetrics.json',
    kind: 'PodMetricsList',
    apiVersion: 'metrics.k8s.io/v1beta1',
  },
];

export function readScene(name: string): Scene {
  return JSON.parse(readFileSync(join(FIXTURES, name, 'scene.json'), 'utf8')) as Scene;
}

/** The scene's own file, or its ancestors'. */
export function sceneFile(name: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(FIXTURES, name, file), 'utf8'));
  } catch (error) {
    const parent = readScene(name).extends;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && parent) return sceneFile(parent, file);
    throw error;
  }
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export class FakeKubeApi {
  readonly requests: { method: string; path: string; authorization: string | undefined }[] = [];
  scene: string;
  private constructor(
    private readonly server: Server,
    scene: string,
  ) {
    this.scene = scene;
  }

  static async start(scene: string): Promise<FakeKubeApi> {
    let api: FakeKubeApi | undefined;
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      api!.requests.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization });
      const answer = (code: number, body: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        return answer(401, status(401, 'Unauthorized', 'Unauthorized'));
      }
      const route = ROUTES.find((r) => r.pattern.test(url.pathname));
      if (!route || req.method !== 'GET') {
        return answer(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      }
      const namespace = route.pattern.exec(url.pathname)![1];
      if (namespace !== readScene(api!.scene).namespace) {
        return answer(200, {
          kind: route.kind,
          apiVersion: route.apiVersion,
          metadata: { resourceVersion: '1' },
          items: [],
        });
      }
      const body = sceneFile(api!.scene, route.file) as { kind?: string; code?: number };
      answer(body.kind === 'Status' ? (body.code ?? 500) : 200, body);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    api = new FakeKubeApi(server, scene);
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Writes a kubeconfig for this server (token user, namespace in the context) and returns its path. */
  writeKubeconfig(dir: string, token = TOKEN): string {
    const path = join(dir, 'kubeconfig.yaml');
    writeFileSync(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '  - name: fake',
        '    cluster:',
        `      server: ${this.url}`,
        // client-node refuses plain HTTP unless TLS verification is explicitly off.
        '      insecure-skip-tls-verify: true',
        'users:',
        '  - name: lab-watcher',
        '    user:',
        `      token: ${token}`,
        'contexts:',
        '  - name: fake',
        '    context:',
        '      cluster: fake',
        '      user: lab-watcher',
        '      namespace: carebridge',
        'current-context: fake',
        '',
      ].join('\n'),
    );
    return path;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((ok) => this.server.close(() => ok()));
  }
}
