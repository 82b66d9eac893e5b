import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  applyResources,
  kubectl,
  kubectlJson,
  kubectlOk,
  type LocalCluster,
  loadApplied,
  loadJenkins,
  startLocalCluster,
  toYaml,
  watchObjects,
} from '@carebridge/manifests';
import { ROOT, run } from './tools.js';

/**
 * scripts/deploy/deploy.sh against a real control plane (kube-apiserver, controller manager and
 * scheduler from Kubernetes' modules, kwok as the kubelets; scripts/cluster/up.sh), run as the
 * deployer ServiceAccount of jenkins/deployer.yaml with a token the API server issued: a good
 * release rolls out holding maxUnavailable 0 at every step (watched), a release whose pods never
 * become ready is detected within the deadline and undone, and the account can do exactly that.
 *
 * It runs its own control plane (its own state folder and ports), so it never disturbs another.
 *   KEEP_CLUSTER=1 keeps it running afterwards.
 */
const NS = 'carebridge';
const APPS = ['auth', 'board', 'hospital', 'web', 'lab'];
/** The HPAs' minimum, for the Deployments whose count they own (the manifest sets no replicas). */
const HPA_MIN = 3;
const NEVER_READY = 'carebridge.dev/kwok-never-ready';
const DEPLOYER = `system:serviceaccount:${NS}:deployer`;

interface Pod {
  metadata: {
    name: string;
    labels: Record<string, string>;
    deletionTimestamp?: string;
  };
  spec: { nodeName?: string };
  status: { conditions?: { type: string; status: string; reason?: string }[] };
}
const isReady = (p: Pod) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

describe('scripts/deploy/deploy.sh on a real control plane, as the deployer account', { timeout: 900_000 }, () => {
  let cluster: LocalCluster;
  let deployerConfig: string;
  let work: string;
  /** Each app's replica count: the manifest's own (lab: 1), else what its HPA keeps at least. */
  const replicas = new Map<string, number>();
  const env = () => ({
    ...process.env,
    PATH: `${cluster.bin}:${process.env.PATH}`,
    KUBECONFIG: deployerConfig,
    DEPLOY_STATE: join(work, 'deploy-state'),
  });
  const image = (name: string) =>
    kubectlOk(cluster, [
      '-n',
      NS,
      'get',
      'deployment',
      name,
      '-o',
      `jsonpath={.spec.template.spec.containers[?(@.name=="${name}")].image}`,
    ]).stdout;

  before(() => {
    process.env.CAREBRIDGE_CLUSTER_DIR ??= join(homedir(), '.cache/carebridge/cluster-delivery');
    process.env.CLUSTER_PORT ??= '26543';
    cluster = startLocalCluster(ROOT, { fresh: true });
    process.env.PATH = `${cluster.bin}:${process.env.PATH}`;
    work = mkdtempSync(join(tmpdir(), 'carebridge-deploy-'));
    const applied = loadApplied(ROOT);
    const jenkins = loadJenkins(ROOT);
    const ns = applied.filter((r) => r.kind === 'Namespace' && r.name === NS);
    const deployer = jenkins.filter((r) => r.source === 'jenkins/deployer.yaml');
    const apps = applied.filter((r) => r.kind === 'Deployment' && APPS.includes(r.name));
    assert.equal(apps.length, APPS.length);
    // The pods run as their own ServiceAccounts, which must exist before the ReplicaSets create them.
    const accounts = applied.filter((r) => r.kind === 'ServiceAccount' && r.namespace === NS);
    // The release the cluster runs now, at 0.1.0 (as an operator's `kubectl apply -k` left it).
    for (const step of [ns, deployer, accounts, apps]) {
      const outcome = applyResources(cluster, step, { fieldManager: 'operator' });
      assert.deepEqual(outcome.errors, []);
    }
    for (const app of apps) replicas.set(app.name, (app.object.spec as { replicas?: number }).replicas ?? HPA_MIN);
    for (const app of APPS) {
      // Without metrics no HPA acts here; scale as the HPA's minReplicas would.
      if (replicas.get(app) === HPA_MIN)
        kubectlOk(cluster, ['-n', NS, 'scale', `deployment/${app}`, `--replicas=${HPA_MIN}`]);
      const status = kubectl(cluster, ['-n', NS, 'rollout', 'status', `deployment/${app}`, '--timeout=120s']);
      const events = () => kubectl(cluster, ['-n', NS, 'get', 'events', '--sort-by=.lastTimestamp']).stdout;
      assert.equal(status.status, 0, `${app} did not roll out: ${status.stderr}\n${events().slice(-3000)}`);
    }
    deployerConfig = kubeconfigFor(cluster, 'deployer', work);
  });
  after(() => {
    if (process.env.KEEP_CLUSTER !== '1') spawnSync('bash', [join(ROOT, 'scripts/cluster/down.sh')]);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Watches every app's pods while `body` runs; returns what broke maxUnavailable 0 / maxSurge 1. */
  async function watchingRollout(body: () => Run): Promise<{ result: Run; violations: string[]; events: number }> {
    const pods = new Map<string, Pod>();
    const violations: string[] = [];
    let events = 0;
    let started = false;
    const stop = watchObjects(cluster, ['-n', NS, 'pods', '-l', 'app.kubernetes.io/part-of=carebridge'], (e) => {
      events++;
      const pod = e.object as unknown as Pod;
      if (e.type === 'DELETED') pods.delete(pod.metadata.name);
      else pods.set(pod.metadata.name, pod);
      if (!started) return;
      for (const app of APPS) {
        const live = [...pods.values()].filter(
          (p) => p.metadata.labels['app.kubernetes.io/name'] === app && !p.metadata.deletionTimestamp,
        );
        const ready = live.filter(isReady).length;
        const want = replicas.get(app) ?? HPA_MIN;
        if (ready < want) {
          const unready = live
            .filter((p) => !isReady(p))
            .map((p) => {
              const c = p.status.conditions?.find((x) => x.type === 'Ready');
              return `${p.metadata.name}@${p.spec.nodeName}:${c?.status}/${c?.reason ?? ''}`;
            });
          violations.push(
            `${app}: only ${ready} of ${want} ready (${e.type} ${pod.metadata.name}; ${unready.join(' ')})`,
          );
        }
        if (live.length > want + 1) violations.push(`${app}: ${live.length} pods exceed ${want} + 1`);
      }
    });
    const deadline = Date.now() + 30_000;
    const total = [...replicas.values()].reduce((a, b) => a + b, 0);
    while ([...pods.values()].filter(isReady).length < total && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    started = true;
    const result = await new Promise<Run>((resolve) => setImmediate(() => resolve(body())));
    await new Promise((r) => setTimeout(r, 1000));
    stop();
    return { result, violations, events };
  }

  it('rolls a good release out, every Deployment at the commit tag, maxUnavailable 0 held at every step', async () => {
    const { result, violations, events } = await watchingRollout(() =>
      run('bash', [join(ROOT, 'scripts/deploy/deploy.sh')], {
        env: { ...env(), IMAGE_TAG: 'good1', ROLLOUT_TIMEOUT: '120s' },
      }),
    );
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /release good1 is serving/);
    for (const app of APPS) assert.equal(image(app), `registry.carebridge.internal/carebridge/${app}:good1`);
    const board = kubectlJson<{ metadata: { annotations: Record<string, string> } }>(cluster, [
      '-n',
      NS,
      'get',
      'deployment',
      'board',
    ]);
    assert.equal(board.metadata.annotations['kubernetes.io/change-cause'], 'release good1');
    assert.ok(events > APPS.length * HPA_MIN * 2, `${events} pod events watched`);
    assert.deepEqual([...new Set(violations)], []);
  });

  it('detects a release whose pods never become ready within the deadline, undoes it, and the previous ReplicaSet serves', async () => {
    // A copy of the repository whose board pods kwok keeps unready: the release is otherwise real.
    const copy = join(work, 'repo');
    for (const dir of ['k8s', 'scripts']) cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
    const overlay = join(copy, 'k8s/overlays/bare-metal/kustomization.yaml');
    writeFileSync(
      overlay,
      readFileSync(overlay, 'utf8').replace(
        'patches:\n',
        `patches:\n  - target:\n      kind: Deployment\n      name: board\n    patch: |-\n      - op: add\n        path: /spec/template/metadata/annotations/${NEVER_READY.replace('/', '~1')}\n        value: "true"\n`,
      ),
    );
    const goodHash = templateHash(cluster, 'board');
    const started = Date.now();
    const { result, violations } = await watchingRollout(() =>
      run('bash', [join(copy, 'scripts/deploy/deploy.sh')], {
        env: { ...env(), IMAGE_TAG: 'bad2', ROLLOUT_TIMEOUT: '20s' },
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /FAILED: board did not become ready within 20s; undoing the release/);
    assert.ok(seconds < 20 + 60, `detected and undone in ${seconds.toFixed(0)}s`);
    // All or nothing: every Deployment the release changed runs the previous release again.
    for (const app of APPS) assert.equal(image(app), `registry.carebridge.internal/carebridge/${app}:good1`);
    assert.equal(templateHash(cluster, 'board'), goodHash, "the previous ReplicaSet's template is current");
    const ready = kubectlJson<{ items: Pod[] }>(cluster, [
      '-n',
      NS,
      'get',
      'pods',
      '-l',
      'app.kubernetes.io/name=board',
    ])
      .items.filter((p) => !p.metadata.deletionTimestamp && isReady(p))
      .map((p) => p.metadata.labels['pod-template-hash']);
    assert.deepEqual(ready, [goodHash, goodHash, goodHash], 'three ready pods of the previous ReplicaSet serve');
    assert.deepEqual([...new Set(violations)], [], 'capacity never dropped, not even during the bad release');
  });

  it('finds nothing left to undo afterwards (rollback.sh, as the build post step runs it)', () => {
    const result = run('bash', [join(ROOT, 'scripts/deploy/rollback.sh')], { env: { ...env(), IMAGE_TAG: 'bad2' } });
    assert.equal(result.status, 0, result.stderr);
    for (const app of APPS) assert.equal(image(app), `registry.carebridge.internal/carebridge/${app}:good1`);
  });

  it('gives the deployer exactly what a release and its undo need, and nothing more', () => {
    // As the API server sees the account's token: its user name and its groups.
    const can = (verb: string, resource: string, namespace: string | null = NS) => {
      const [type = '', subresource] = resource.split('/');
      return kubectl(cluster, [
        'auth',
        'can-i',
        verb,
        type,
        ...(subresource ? [`--subresource=${subresource}`] : []),
        `--as=${DEPLOYER}`,
        '--as-group=system:serviceaccounts',
        `--as-group=system:serviceaccounts:${NS}`,
        '--as-group=system:authenticated',
        ...(namespace === null ? ['--all-namespaces'] : ['-n', namespace]),
      ]).stdout.trim();
    };
    for (const [verb, resource] of [
      ['get', 'deployments.apps'],
      ['list', 'deployments.apps'],
      ['watch', 'deployments.apps'],
      ['patch', 'deployments.apps'],
      ['list', 'replicasets.apps'],
      ['get', 'replicasets.apps'],
      ['get', 'pods'],
    ]) {
      assert.equal(can(verb, resource), 'yes', `deployer may ${verb} ${resource}`);
    }
    for (const [verb, resource, namespace] of [
      ['create', 'deployments.apps', NS],
      ['update', 'deployments.apps', NS],
      ['delete', 'deployments.apps', NS],
      ['patch', 'deployments.apps/scale', NS],
      ['patch', 'replicasets.apps', NS],
      ['delete', 'pods', NS],
      ['create', 'pods', NS],
      ['create', 'pods/exec', NS],
      ['get', 'secrets', NS],
      ['list', 'secrets', NS],
      ['patch', 'services', NS],
      ['patch', 'statefulsets.apps', NS],
      ['patch', 'configmaps', NS],
      ['patch', 'horizontalpodautoscalers.autoscaling', NS],
      ['create', 'rolebindings.rbac.authorization.k8s.io', NS],
      ['create', 'serviceaccounts/token', NS],
      ['patch', 'deployments.apps', 'jenkins'],
      ['patch', 'deployments.apps', 'default'],
      ['list', 'deployments.apps', null],
      ['list', 'nodes', null],
      ['list', 'namespaces', null],
    ] as const) {
      assert.equal(
        can(verb, resource, namespace),
        'no',
        `deployer must not ${verb} ${resource} in ${namespace ?? 'any namespace'}`,
      );
    }
  });

  it('accepts jenkins/ server-side, and Pod Security admits the agent pods where they run', () => {
    const jenkins = loadJenkins(ROOT);
    const storage = loadApplied(ROOT).filter((r) => r.kind === 'StorageClass');
    const outcome = applyResources(cluster, [...storage, ...jenkins], { fieldManager: 'operator' });
    assert.deepEqual(outcome.errors, []);
    assert.deepEqual(outcome.warnings, []);
    const agents: [string, string][] = [
      ['jenkins/agents/test.yaml', 'jenkins'],
      ['jenkins/agents/images.yaml', 'jenkins'],
      ['jenkins/agents/deploy.yaml', NS],
    ];
    for (const [file, namespace] of agents) {
      const dry = kubectl(
        cluster,
        ['-n', namespace, 'apply', '--server-side', '--dry-run=server', '--field-manager=jenkins', '-f', '-'],
        readFileSync(join(ROOT, file), 'utf8'),
      );
      assert.equal(dry.status, 0, `${file} in ${namespace}: ${dry.stderr}`);
      // The deploy agent meets `restricted` (enforced in the app namespace); the test agent's
      // database sidecars and the image-build agent (root, for buildah) meet `baseline`, which the
      // jenkins namespace enforces, and are only warned about against `restricted`.
      if (file.endsWith('deploy.yaml')) assert.deepEqual(dry.warnings, [], file);
      else
        assert.ok(
          dry.warnings.every((w) => /would violate PodSecurity "restricted/.test(w)),
          file,
        );
    }
  });
});

type Run = ReturnType<typeof run>;

function templateHash(cluster: LocalCluster, name: string): string {
  const sets = kubectlJson<{
    items: {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
      spec: { replicas: number };
    }[];
  }>(cluster, ['-n', NS, 'get', 'replicasets', '-l', `app.kubernetes.io/name=${name}`]);
  const current = sets.items
    .filter((s) => s.spec.replicas > 0)
    .sort(
      (a, b) =>
        Number(b.metadata.annotations['deployment.kubernetes.io/revision']) -
        Number(a.metadata.annotations['deployment.kubernetes.io/revision']),
    )[0];
  return current?.metadata.labels['pod-template-hash'] ?? '';
}

/** A kubeconfig that authenticates as a ServiceAccount, with a token the API server issues. */
function kubeconfigFor(cluster: LocalCluster, account: string, dir: string): string {
  const token = kubectlOk(cluster, ['-n', NS, 'create', 'token', account, '--duration=1h']).stdout.trim();
  const config = kubectlJson<{ clusters: { cluster: Record<string, unknown> }[] }>(cluster, [
    'config',
    'view',
    '--raw',
  ]);
  const file = join(dir, `${account}.kubeconfig`);
  writeFileSync(
    file,
    toYaml([
      {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'local', cluster: config.clusters[0]?.cluster ?? {} }],
        users: [{ name: account, user: { token } }],
        contexts: [{ name: account, context: { cluster: 'local', user: account, namespace: NS } }],
        'current-context': account,
      },
    ]),
  );
  return file;
}
