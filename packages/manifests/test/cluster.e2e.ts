import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from '@carebridge/platform/testing';
import {
  kubectl,
  kubectlJson,
  kubectlOk,
  type LocalCluster,
  startLocalCluster,
  tool,
  toolBin,
  toYaml,
  watchObjects,
  yamlObjects,
} from '../src/cluster.js';
import {
  type ApplyOutcome,
  applyResources,
  type IstioInstall,
  installIstio,
  installMetalLB,
} from '../src/cluster-install.js';
import { describe as describeResource, type Resource } from '../src/documents.js';
import { loadApplied } from '../src/repository.js';

/**
 * The repository's manifests on a real control plane (kube-apiserver, kube-controller-manager,
 * kube-scheduler built from Kubernetes' Go modules; kwok as the nodes' kubelets), applied in the
 * order docs/deploy.md gives, with Pod Security admission enforcing `restricted` on the app.
 */
const ROOT = resolve(new URL('../../../..', import.meta.url).pathname);
const APP_NAMESPACE = 'carebridge';

interface Kube {
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}
interface List<T = Kube> {
  items: T[];
}
interface Pod extends Kube {
  metadata: Kube['metadata'] & { ownerReferences?: { kind: string; name: string }[]; deletionTimestamp?: string };
  spec: { nodeName?: string; volumes?: { persistentVolumeClaim?: { claimName: string } }[] };
  status: { phase?: string; conditions?: { type: string; status: string }[] };
}

const isReady = (pod: Pod) => pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

describe('the manifests on a real Kubernetes control plane', { timeout: 600_000 }, () => {
  let cluster: LocalCluster;
  let applied: Resource[];
  let istio: IstioInstall;
  const outcomes: Record<string, ApplyOutcome> = {};

  before(() => {
    cluster = startLocalCluster(ROOT, { fresh: true });
    process.env.PATH = `${cluster.bin}:${process.env.PATH}`; // kustomize renders with the pinned kubectl
    applied = loadApplied(ROOT);
    // The order of docs/deploy.md: MetalLB, its address pool, Istio, the secrets, the app, the mesh.
    installMetalLB(cluster, ROOT);
    outcomes.metallb = applyResources(cluster, fromDir('metallb'), { fieldManager: 'operator' });
    istio = installIstio(cluster, ROOT);
    const namespaces = applied.filter((r) => r.kind === 'Namespace');
    outcomes.namespaces = applyResources(cluster, namespaces, { fieldManager: 'operator' });
    createSecrets(cluster);
    outcomes.app = applyResources(
      cluster,
      fromDir('k8s').filter((r) => r.kind !== 'Namespace'),
      { fieldManager: 'operator', injectNamespaces: injectedNamespaces(), istio },
    );
    outcomes.mesh = applyResources(cluster, fromDir('istio'), { fieldManager: 'operator' });
  });
  after(() => {
    if (process.env.KEEP_CLUSTER !== '1') spawnSync('bash', [join(ROOT, 'scripts/cluster/down.sh')]);
  });

  const fromDir = (dir: string) => applied.filter((r) => r.source.startsWith(`${dir}/`));
  const injectedNamespaces = () =>
    new Set(
      applied
        .filter((r) => r.kind === 'Namespace')
        .filter((r) => (r.object.metadata as Kube['metadata']).labels?.['istio-injection'] === 'enabled')
        .map((r) => r.name),
    );

  it('accepts every object, in the documented order, with nothing warned about', () => {
    for (const [step, outcome] of Object.entries(outcomes)) {
      assert.deepEqual(outcome.errors, [], `${step}: refused`);
      assert.deepEqual(outcome.warnings, [], `${step}: warnings`);
    }
    assert.ok(applied.length > 50, `${applied.length} objects applied`);
  });

  it('enforces Pod Security `restricted` on the app namespace, and its pods (sidecars included) pass it', () => {
    const ns = kubectlJson<Kube>(cluster, ['get', 'namespace', APP_NAMESPACE]);
    assert.equal(ns.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted');
    const pods = kubectlJson<List<Pod>>(cluster, ['-n', APP_NAMESPACE, 'get', 'pods']).items;
    assert.ok(pods.length >= 15, `${pods.length} pods`);
    for (const pod of pods) {
      const spec = pod.spec as { initContainers?: { name: string; restartPolicy?: string }[] };
      const proxy = spec.initContainers?.find((c) => c.name === 'istio-proxy');
      assert.equal(proxy?.restartPolicy, 'Always', `${pod.metadata.name} runs istio-proxy as a native sidecar`);
    }
    // And the policy is really enforced: a pod asking for NET_ADMIN (what istio-init would need
    // without the CNI agent) is refused.
    const refused = kubectl(cluster, ['-n', APP_NAMESPACE, 'apply', '-f', '-'], toYaml([netAdminPod()]));
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /violates PodSecurity "restricted/);
  });

  it('makes every Deployment Available with simulated pods', async () => {
    const deployments = applied.filter((r) => r.kind === 'Deployment');
    assert.ok(deployments.length >= 5);
    for (const d of deployments) {
      const waited = kubectl(cluster, [
        '-n',
        d.namespace ?? 'default',
        'wait',
        '--for=condition=Available',
        `deployment/${d.name}`,
        '--timeout=120s',
      ]);
      assert.equal(waited.status, 0, `${describeResource(d)}: ${waited.stderr}`);
    }
  });

  it("binds each StatefulSet's claims to its local PersistentVolume, on the PV's node, through the scheduler", async () => {
    const sets = applied.filter((r) => r.kind === 'StatefulSet');
    assert.ok(sets.length >= 3);
    for (const set of sets) {
      const ns = set.namespace ?? 'default';
      const ready = () => {
        const s = kubectlJson<Kube>(cluster, ['-n', ns, 'get', 'statefulset', set.name]);
        return (s.status?.readyReplicas as number | undefined) === (s.spec?.replicas as number | undefined);
      };
      await until(ready, 120_000, `${describeResource(set)}: ready`, 250);
      const pod = kubectlJson<Pod>(cluster, ['-n', ns, 'get', 'pod', `${set.name}-0`]);
      const claim = pod.spec.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim?.claimName;
      assert.ok(claim, `${set.name}-0 mounts a claim`);
      const pvc = kubectlJson<Kube>(cluster, ['-n', ns, 'get', 'pvc', claim]);
      assert.equal(pvc.status?.phase, 'Bound', `${claim} is bound`);
      const pv = kubectlJson<Kube>(cluster, ['get', 'pv', String(pvc.spec?.volumeName)]);
      const nodes = JSON.stringify((pv.spec?.nodeAffinity as unknown) ?? {});
      assert.ok(
        nodes.includes(`"${pod.spec.nodeName}"`),
        `${set.name}-0 runs on ${pod.spec.nodeName}, where ${pv.metadata.name} is`,
      );
    }
  });

  it('has Services, PodDisruptionBudgets and HPAs whose selectors and targets match real objects', () => {
    const problems = liveSelectorProblems(cluster, applied);
    assert.deepEqual(problems, []);
  });

  it('rolls out a new image through the real Deployment controller with maxUnavailable 0 at every step, and undoes it', async () => {
    const name = 'board';
    const before = kubectlJson<Kube>(cluster, ['-n', APP_NAMESPACE, 'get', 'deployment', name]);
    const replicas = before.spec?.replicas as number;
    const strategy = (before.spec as { strategy: { rollingUpdate: { maxSurge: number | string } } }).strategy
      .rollingUpdate;
    const surge = Number(strategy.maxSurge);
    const oldHash = currentTemplateHash(cluster, name);
    const pods = new Map<string, Pod>();
    const violations: string[] = [];
    let events = 0;
    const stop = watchObjects(cluster, ['-n', APP_NAMESPACE, 'pods', '-l', `app.kubernetes.io/name=${name}`], (e) => {
      events++;
      const pod = e.object as unknown as Pod;
      if (e.type === 'DELETED') pods.delete(pod.metadata.name);
      else pods.set(pod.metadata.name, pod);
      const live = [...pods.values()].filter((p) => !p.metadata.deletionTimestamp);
      const ready = live.filter(isReady).length;
      if (events > replicas && ready < replicas) violations.push(`only ${ready} of ${replicas} ready`);
      if (live.length > replicas + surge) violations.push(`${live.length} pods exceed ${replicas} + ${surge}`);
    });
    await until(() => pods.size >= replicas, 30_000, 'the watch sees the current pods', 250);
    kubectlOk(cluster, ['-n', APP_NAMESPACE, 'set', 'image', `deployment/${name}`, `${name}=carebridge/board:next`]);
    const status = kubectl(cluster, ['-n', APP_NAMESPACE, 'rollout', 'status', `deployment/${name}`, '--timeout=120s']);
    assert.equal(status.status, 0, status.stderr);
    const newHash = currentTemplateHash(cluster, name);
    assert.notEqual(newHash, oldHash);
    kubectlOk(cluster, ['-n', APP_NAMESPACE, 'rollout', 'undo', `deployment/${name}`]);
    const undone = kubectl(cluster, ['-n', APP_NAMESPACE, 'rollout', 'status', `deployment/${name}`, '--timeout=120s']);
    assert.equal(undone.status, 0, undone.stderr);
    await new Promise((r) => setTimeout(r, 500));
    stop();
    assert.equal(currentTemplateHash(cluster, name), oldHash, 'the old ReplicaSet serves again');
    assert.ok(events > replicas * 4, `${events} pod events watched`);
    assert.deepEqual(violations, []);
  });

  it("gets the ingress gateway's LoadBalancer address from the committed MetalLB pool, through MetalLB's own controller", async () => {
    // The controller only writes the Service's status (no speaker runs: nothing is announced).
    const controller = spawn(
      join(cluster.bin, 'metallb-controller'),
      [
        '--namespace=metallb-system',
        '--ml-secret-name=metallb-memberlist',
        '--deployment=controller',
        '--webhook-mode=disabled',
        '--disable-cert-rotation',
        '--port=0',
        '--log-level=warn',
      ],
      { env: { ...process.env, KUBECONFIG: cluster.kubeconfig }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    controller.stderr.on('data', (d: Buffer) => {
      log += d.toString();
    });
    try {
      let address = '';
      const assigned = () => {
        const svc = kubectlJson<Kube>(cluster, ['-n', 'istio-system', 'get', 'service', 'istio-ingressgateway']);
        const ingress = (svc.status?.loadBalancer as { ingress?: { ip: string }[] } | undefined)?.ingress;
        address = ingress?.[0]?.ip ?? '';
        return address !== '';
      };
      await until(
        assigned,
        60_000,
        `an address for istio-system/istio-ingressgateway (controller log: ${log.slice(-500)})`,
        250,
      );
      const pool = applied.find((r) => r.kind === 'IPAddressPool');
      assert.ok(pool, 'metallb/ has an IPAddressPool');
      const range = ((pool.object.spec as { addresses: string[] }).addresses[0] ?? '').split('-');
      const last = (ip: string) => Number(ip.split('.').at(-1));
      assert.equal(address.split('.').slice(0, 3).join('.'), range[0]?.split('.').slice(0, 3).join('.'));
      assert.ok(
        last(address) >= last(range[0] ?? '') && last(address) <= last(range[1] ?? ''),
        `${address} in ${range.join('-')}`,
      );
      const svc = kubectlJson<Kube>(cluster, ['-n', 'istio-system', 'get', 'service', 'istio-ingressgateway']);
      assert.equal(svc.spec?.externalTrafficPolicy, 'Local', 'the gateway keeps client addresses');
    } finally {
      controller.kill();
    }
  });

  it("gives the lab's ServiceAccount exactly the reads `lab watch` needs, and every ServiceAccount no writes", () => {
    const can = (sa: string, verb: string, resource: string) => (canI(cluster, sa, verb, resource) ? 'yes' : 'no');
    for (const [verb, resource] of [
      ['list', 'deployments.apps'],
      ['watch', 'horizontalpodautoscalers.autoscaling'],
      ['get', 'pods'],
      ['list', 'pods.metrics.k8s.io'],
    ]) {
      assert.equal(can('lab', verb, resource), 'yes', `lab may ${verb} ${resource}`);
    }
    const accounts = kubectlJson<List>(cluster, ['-n', APP_NAMESPACE, 'get', 'serviceaccounts']).items.map(
      (s) => s.metadata.name,
    );
    assert.ok(accounts.length >= 5, accounts.join(', '));
    for (const sa of accounts) {
      for (const [verb, resource] of [
        ['create', 'pods'],
        ['patch', 'deployments.apps'],
        ['delete', 'pods'],
        ['get', 'secrets'],
        ['list', 'secrets'],
        ['create', 'pods/exec'],
        ['create', 'serviceaccounts/token'],
        ['update', 'horizontalpodautoscalers.autoscaling'],
      ]) {
        assert.equal(can(sa, verb, resource), 'no', `${sa} must not ${verb} ${resource}`);
      }
    }
  });

  it('lets `lab watch` read Deployments, HPAs and pods from this API server with the lab ServiceAccount', () => {
    const token = kubectlOk(cluster, ['-n', APP_NAMESPACE, 'create', 'token', 'lab']).stdout.trim();
    const config = kubectlJson<{ clusters: { cluster: { server: string } }[] }>(cluster, ['config', 'view', '--raw']);
    const dir = mkdtempSync(join(tmpdir(), 'lab-watch-'));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      toYaml([
        {
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [
            {
              name: 'local',
              cluster: {
                ...config.clusters[0]?.cluster,
                'insecure-skip-tls-verify': true,
                'certificate-authority': undefined,
              },
            },
          ],
          users: [{ name: 'lab', user: { token } }],
          contexts: [{ name: 'lab', context: { cluster: 'local', user: 'lab', namespace: APP_NAMESPACE } }],
          'current-context': 'lab',
        },
      ]),
    );
    const watch = spawnSync(
      process.execPath,
      [join(ROOT, 'lab/dist/src/cli/main.js'), 'watch', '--once', '--kubeconfig', kubeconfig],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(watch.status, 0, watch.stderr);
    for (const name of ['auth', 'board', 'hospital']) assert.match(watch.stdout, new RegExp(name));
  });

  it('names the file and the object when the API server refuses one (an unknown field)', () => {
    const board = applied.find((r) => r.kind === 'Deployment' && r.name === 'board');
    assert.ok(board);
    const broken = structuredClone(board);
    (broken.object.spec as Record<string, unknown>).replicaz = 3;
    const outcome = applyResources(cluster, [broken], { fieldManager: 'operator' });
    assert.equal(outcome.errors.length, 1);
    assert.match(
      outcome.errors[0] ?? '',
      /^k8s\/base\/board\.yaml: Deployment board: .*\.spec\.replicaz: field not declared in schema/s,
    );
  });

  it('names the file and the object when a pod template violates Pod Security `restricted`', () => {
    const board = applied.find((r) => r.kind === 'Deployment' && r.name === 'board');
    assert.ok(board);
    const broken = structuredClone(board);
    const pod = (
      broken.object.spec as { template: { spec: { containers: { securityContext: Record<string, unknown> }[] } } }
    ).template.spec;
    const container = pod.containers[0];
    assert.ok(container);
    container.securityContext = { ...container.securityContext, allowPrivilegeEscalation: true };
    const outcome = applyResources(cluster, [broken], { fieldManager: 'operator-broken' });
    assert.match(
      outcome.warnings.join('\n'),
      /^k8s\/base\/board\.yaml: Deployment board: Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false/m,
    );
    kubectlOk(cluster, ['-n', APP_NAMESPACE, 'rollout', 'undo', 'deployment/board']);
  });

  it('names the file and the object when a selector matches nothing', () => {
    const service = applied.find((r) => r.kind === 'Service' && r.name === 'board');
    assert.ok(service);
    const broken = structuredClone(service);
    (broken.object.spec as { selector: Record<string, string> }).selector = { 'app.kubernetes.io/name': 'bord' };
    const problems = liveSelectorProblems(cluster, [broken], { dryRunFrom: broken });
    assert.deepEqual(problems, ['k8s/base/board.yaml: Service board: selects no pods (app.kubernetes.io/name=bord)']);
  });
});

describe('istioctl analyze on the rendered manifests, with the mesh config the docs install', () => {
  let bin: string;
  let meshConfigFile: string;
  let dir: string;
  before(() => {
    bin = toolBin(ROOT);
    dir = mkdtempSync(join(tmpdir(), 'istio-analyze-'));
    const generated = tool({ bin }, 'istioctl', [
      'manifest',
      'generate',
      '-f',
      join(ROOT, 'istio/install/istio-operator.yaml'),
    ]);
    const mesh = yamlObjects(generated.stdout).find(
      (o) => o.kind === 'ConfigMap' && (o.metadata as { name: string }).name === 'istio',
    ) as { data: { mesh: string } };
    meshConfigFile = join(dir, 'mesh.yaml');
    writeFileSync(meshConfigFile, mesh.data.mesh);
  });
  const analyze = (objects: Record<string, unknown>[]) => {
    const file = join(dir, `rendered-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, toYaml(objects));
    const result = spawnSync(
      join(bin, 'istioctl'),
      ['analyze', '-A', '--use-kube=false', '--meshConfigFile', meshConfigFile, file],
      {
        encoding: 'utf8',
      },
    );
    return `${result.stdout}${result.stderr}`;
  };
  const rendered = () => {
    process.env.PATH = `${bin}:${process.env.PATH}`;
    return loadApplied(ROOT);
  };

  it('finds no errors and no warnings', () => {
    const output = analyze(rendered().map((r) => r.object));
    assert.match(output, /No validation issues found/, output);
  });

  it("passes Istio's own validation (istioctl validate), which names what it refuses", () => {
    const istioObjects = rendered()
      .filter((r) => r.source.startsWith('istio/'))
      .map((r) => structuredClone(r.object));
    const validate = (objects: Record<string, unknown>[]) => {
      const file = join(dir, `istio-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, toYaml(objects));
      return spawnSync(join(bin, 'istioctl'), ['validate', '-f', file], {
        encoding: 'utf8',
        env: { ...process.env, KUBECONFIG: '/nonexistent' },
      });
    };
    const good = validate(istioObjects);
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout + good.stderr, /is valid/);
    const policy = istioObjects.find((o) => o.kind === 'AuthorizationPolicy') as {
      metadata: { name: string; namespace: string };
      spec: { action: string };
    };
    policy.spec.action = 'DENNY';
    const who = `AuthorizationPolicy/${policy.metadata.namespace}/${policy.metadata.name}`;
    const bad = validate(istioObjects);
    assert.notEqual(bad.status, 0);
    assert.ok((bad.stdout + bad.stderr).includes(`${who}: cannot parse proto message: unknown value`), bad.stderr);
  });

  it('names the object when a policy would also deny plain TCP (a DENY rule of HTTP attributes without ports)', () => {
    const objects = rendered().map((r) => structuredClone(r.object));
    const policy = objects.find(
      (o) =>
        o.kind === 'AuthorizationPolicy' && (o.metadata as { name: string }).name === 'carebridge-edge-deny-internal',
    ) as { spec: { rules: { to: { operation: { ports?: string[] } }[] }[] } };
    const operation = policy.spec.rules[0]?.to[0]?.operation;
    assert.ok(operation);
    delete operation.ports;
    const output = analyze(objects);
    assert.match(
      output,
      /Warning \[IST0133\] \(AuthorizationPolicy istio-system\/carebridge-edge-deny-internal/,
      output,
    );
  });
});

/** Each Service, PDB and HPA of `resources` against what the API server has now. */
function liveSelectorProblems(
  cluster: LocalCluster,
  resources: Resource[],
  options: { dryRunFrom?: Resource } = {},
): string[] {
  const problems: string[] = [];
  for (const r of resources) {
    const ns = r.namespace ?? 'default';
    const who = describeResource(r);
    const spec = (
      options.dryRunFrom === r ? r.object.spec : kubectlJson<Kube>(cluster, ['-n', ns, 'get', r.kind, r.name]).spec
    ) as Record<string, unknown> | undefined;
    if (r.kind === 'Service') {
      const selector = spec?.selector as Record<string, string> | undefined;
      if (!selector) continue;
      const query = Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const pods = kubectlJson<List>(cluster, ['-n', ns, 'get', 'pods', '-l', query]).items;
      if (pods.length === 0) problems.push(`${who}: selects no pods (${query})`);
    } else if (r.kind === 'NetworkPolicy') {
      const selectors = [
        spec?.podSelector,
        ...[
          ...((spec?.ingress as { from?: unknown[] }[]) ?? []).flatMap((i) => i.from ?? []),
          ...((spec?.egress as { to?: unknown[] }[]) ?? []).flatMap((e) => e.to ?? []),
        ]
          .filter((peer) => !(peer as { namespaceSelector?: unknown }).namespaceSelector)
          .map((peer) => (peer as { podSelector?: unknown }).podSelector),
      ].filter((sel): sel is LabelSelector => sel !== undefined);
      for (const sel of selectors) {
        const query = selectorQuery(sel);
        if (query === '') continue;
        if (kubectlJson<List>(cluster, ['-n', ns, 'get', 'pods', '-l', query]).items.length === 0) {
          problems.push(`${who}: selects no pods (${query})`);
        }
      }
    } else if (r.kind === 'PodDisruptionBudget') {
      const pdb = kubectlJson<Kube>(cluster, ['-n', ns, 'get', 'pdb', r.name]);
      if (!((pdb.status?.expectedPods as number | undefined) ?? 0)) problems.push(`${who}: covers no pods`);
    } else if (r.kind === 'HorizontalPodAutoscaler') {
      const target = spec?.scaleTargetRef as { kind: string; name: string };
      const found = kubectl(cluster, ['-n', ns, 'get', target.kind, target.name]);
      if (found.status !== 0) problems.push(`${who}: scales ${target.kind}/${target.name}, which does not exist`);
    }
  }
  return problems;
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function selectorQuery(selector: LabelSelector): string {
  return [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector.matchExpressions ?? []).map(
      (e) => `${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`,
    ),
  ].join(',');
}

/** A SubjectAccessReview, as the API server's authorizer answers it for a ServiceAccount. */
function canI(cluster: LocalCluster, sa: string, verb: string, groupResource: string): boolean {
  const [resource, ...group] = groupResource.split('/')[0]?.split('.') ?? [];
  const subresource = groupResource.split('/')[1];
  const review = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    spec: {
      user: `system:serviceaccount:${APP_NAMESPACE}:${sa}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${APP_NAMESPACE}`, 'system:authenticated'],
      resourceAttributes: { namespace: APP_NAMESPACE, verb, group: group.join('.'), resource, subresource },
    },
  };
  const answer = JSON.parse(kubectlOk(cluster, ['create', '-o', 'json', '-f', '-'], JSON.stringify(review)).stdout);
  return answer.status?.allowed === true;
}

function currentTemplateHash(cluster: LocalCluster, deployment: string): string {
  const sets = kubectlJson<List>(cluster, [
    '-n',
    APP_NAMESPACE,
    'get',
    'replicasets',
    '-l',
    `app.kubernetes.io/name=${deployment}`,
  ]);
  const serving = sets.items.filter((s) => (s.status?.readyReplicas as number | undefined) ?? 0);
  assert.equal(serving.length, 1, `one ReplicaSet serves ${deployment}`);
  return serving[0]?.metadata.labels?.['pod-template-hash'] ?? '';
}

function createSecrets(cluster: LocalCluster) {
  // docs/deploy.md step 5, with throwaway values.
  const secret = (name: string, data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: APP_NAMESPACE },
    stringData: data,
  });
  const objects = [
    secret('mysql-credentials', { 'root-password': 'a', password: 'b' }),
    secret('mariadb-credentials', { 'root-password': 'a', password: 'b' }),
    secret('postgres-credentials', { password: 'b' }),
    secret('carebridge-internal', { token: 't' }),
    secret('auth-jwt-keys', { 'jwt-keys.json': '{}' }),
  ];
  kubectlOk(cluster, ['apply', '--server-side', '--field-manager=operator', '-f', '-'], toYaml(objects));
}

function netAdminPod() {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'wants-net-admin', namespace: APP_NAMESPACE },
    spec: {
      containers: [
        {
          name: 'init',
          image: 'busybox',
          securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
        },
      ],
    },
  };
}
