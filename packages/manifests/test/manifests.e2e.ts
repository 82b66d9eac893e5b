import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderKustomization } from '../src/documents.js';
import { CLUSTER_CHECKS } from '../src/policies.js';
import { formatProblem } from '../src/problem.js';
import { checkCode, checkManifests, type ManifestReport } from '../src/repository.js';

const ROOT = resolve(new URL('../../../..', import.meta.url).pathname);
const lines = (problems: { source: string }[]) => problems.map((p) => formatProblem(p as never));

describe('manifests of this repository', () => {
  let report: ManifestReport;
  before(async () => {
    report = await checkManifests(ROOT);
  });

  it('render with kubectl kustomize, as operators apply them', () => {
    const kinds = new Set(report.applied.map((r) => r.kind));
    for (const kind of [
      'Deployment',
      'StatefulSet',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'PersistentVolume',
      'StorageClass',
      'Gateway',
      'VirtualService',
      'DestinationRule',
      'PeerAuthentication',
      'RequestAuthentication',
      'AuthorizationPolicy',
      'IPAddressPool',
      'L2Advertisement',
    ]) {
      assert.ok(kinds.has(kind), `${kind} is applied`);
    }
  });

  it('validate against the Kubernetes, Istio and MetalLB schemas, unknown fields included, and keep every policy', () => {
    assert.deepEqual(lines(report.problems), []);
  });

  it('agree with the images and the code', () => {
    assert.deepEqual(lines(checkCode(ROOT, report.applied)), []);
  });

  it('scale auth, board, hospital and web between 3 and 10 replicas at 50% CPU', () => {
    const hpas = report.applied
      .filter((r) => r.kind === 'HorizontalPodAutoscaler')
      .map((r) => r.name)
      .sort();
    assert.deepEqual(hpas, ['auth', 'board', 'hospital', 'web']);
  });

  it('give each database of its own kind a claim bound to a local volume on a node', () => {
    const databases = report.applied.filter((r) => r.kind === 'StatefulSet');
    assert.deepEqual(
      databases
        .map((r) => [
          r.name,
          (
            r.object.spec as { template: { spec: { containers: { image: string }[] } } }
          ).template.spec.containers[0]?.image.split(':')[0],
        ])
        .sort(),
      [
        ['mariadb', 'mariadb'],
        ['mysql', 'mysql'],
        ['postgres', 'postgres'],
      ],
    );
    for (const db of databases) {
      const pv = report.applied.find(
        (r) =>
          r.kind === 'PersistentVolume' &&
          (r.object.spec as { claimRef: { name: string } }).claimRef.name === `data-${db.name}-0`,
      );
      assert.ok(pv, `a PersistentVolume is bound to ${db.name}'s claim`);
      assert.ok((pv.object.spec as { nodeAffinity?: unknown }).nodeAffinity, 'pinned to a node');
    }
  });

  it('refuse writes without a token and internal routes at the edge', () => {
    const policies = report.applied.filter((r) => r.kind === 'AuthorizationPolicy');
    const text = JSON.stringify(policies.map((p) => p.object));
    assert.match(text, /"notRequestPrincipals":\["\*"\]/);
    assert.match(text, /"methods":\["POST","PUT","PATCH","DELETE"\]/);
    assert.match(text, /\/internal\/\*/);
  });
});

describe('Jenkins on the cluster (jenkins/)', () => {
  let report: ManifestReport;
  before(async () => {
    report = await checkManifests(ROOT);
  });
  const find = (kind: string, name: string, namespace?: string) =>
    report.jenkins.find((r) => r.kind === kind && r.name.startsWith(name) && (!namespace || r.namespace === namespace));

  it('renders the controller, its configuration as code, its accounts and its storage', () => {
    for (const [kind, name, namespace] of [
      ['Namespace', 'jenkins'],
      ['StatefulSet', 'jenkins', 'jenkins'],
      ['Service', 'jenkins', 'jenkins'],
      ['ServiceAccount', 'jenkins', 'jenkins'],
      ['ConfigMap', 'jenkins-casc', 'jenkins'],
      ['ConfigMap', 'jenkins-plugins', 'jenkins'],
      ['PersistentVolume', 'carebridge-jenkins-home'],
      ['ServiceAccount', 'deployer', 'carebridge'],
      ['Role', 'deployer', 'carebridge'],
      ['RoleBinding', 'deployer', 'carebridge'],
    ] as const) {
      assert.ok(find(kind, name, namespace), `${kind} ${name} is applied`);
    }
    const casc = (find('ConfigMap', 'jenkins-casc')?.object.data ?? {}) as Record<string, string>;
    const config = parse(casc['jenkins.yaml'] ?? '') as {
      jenkins: { clouds: { kubernetes: { namespace: string; webSocket: boolean } }[] };
      unclassified: { gitHubPluginConfig: { hookSecretConfigs: { credentialsId: string }[] } };
      jobs: { file: string }[];
    };
    assert.equal(config.jenkins.clouds[0]?.kubernetes.namespace, 'jenkins');
    assert.equal(config.unclassified.gitHubPluginConfig.hookSecretConfigs[0]?.credentialsId, 'github-webhook-secret');
    assert.equal(config.jobs[0]?.file, '/var/jenkins_casc/seed.groovy');
    assert.match(casc['seed.groovy'] ?? '', /multibranchPipelineJob\('carebridge'\)/);
    assert.doesNotMatch(casc['jenkins.yaml'] ?? '', /password: "(?!\$\{)/, 'no credential value, only references');
  });

  it('pins every plugin to an exact version', () => {
    const data = (find('ConfigMap', 'jenkins-plugins')?.object.data ?? {}) as Record<string, string>;
    const plugins = data['plugins.txt'] ?? '';
    const lines = plugins.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    assert.ok(lines.length >= 8);
    for (const line of lines) assert.match(line, /^[a-z0-9-]+:\d[\w.-]*$/, `${line} is pinned`);
    for (const id of [
      'configuration-as-code',
      'job-dsl',
      'kubernetes',
      'kubernetes-credentials-provider',
      'github-branch-source',
    ]) {
      assert.ok(
        lines.some((l) => l.startsWith(`${id}:`)),
        `${id} is installed`,
      );
    }
  });

  it('gives the deployer only namespaced rights on Deployments, ReplicaSets and pods, and no Secrets', () => {
    const role = find('Role', 'deployer', 'carebridge');
    const rules = (role?.object.rules ?? []) as { resources: string[]; verbs: string[] }[];
    assert.deepEqual(
      rules.map((r) => [r.resources.join(), r.verbs.join()]),
      [
        ['deployments', 'get,list,watch,patch'],
        ['replicasets', 'get,list'],
        ['pods', 'get,list'],
      ],
    );
    assert.ok(!report.jenkins.some((r) => /^Cluster(Role|RoleBinding)$/.test(r.kind)), 'nothing cluster-wide');
  });

  it('schema-checks the agent pod templates the Jenkinsfile names', () => {
    const jenkinsfile = readFileSync(join(ROOT, 'Jenkinsfile'), 'utf8');
    const named = [...jenkinsfile.matchAll(/yamlFile '([^']+)'/g)].map((m) => m[1]);
    assert.deepEqual(named.sort(), [
      'jenkins/agents/deploy.yaml',
      'jenkins/agents/images.yaml',
      'jenkins/agents/test.yaml',
    ]);
    for (const file of named) {
      const pod = parse(readFileSync(join(ROOT, file ?? ''), 'utf8')) as {
        kind: string;
        spec: { containers: unknown[] };
      };
      assert.equal(pod.kind, 'Pod');
      assert.ok(pod.spec.containers.length >= 2, `${file} has the jnlp container and its tools`);
    }
  });
});

describe('monitoring', () => {
  const dashboard = JSON.parse(readFileSync(join(ROOT, 'k8s/monitoring/dashboards/carebridge.json'), 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };
  const exprs = (title: RegExp) =>
    dashboard.panels.filter((p) => title.test(p.title)).flatMap((p) => p.targets.map((t) => t.expr));
  const platformMetrics = readFileSync(join(ROOT, 'packages/platform/src/metrics/http-metrics.ts'), 'utf8');

  it('queries only metrics that exist: the platform’s, prom-client’s defaults and kube-state-metrics’', () => {
    const metrics = new Set(
      dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/\b[a-z_]+(?=\{)/g) ?? [])),
    );
    for (const metric of metrics) {
      const known = metric.startsWith('http_request_duration_seconds_')
        ? platformMetrics.includes("'http_request_duration_seconds'")
        : metric === 'process_cpu_seconds_total' ||
          /^kube_(deployment|horizontalpodautoscaler|pod_container)_/.test(metric);
      assert.ok(known, `${metric} is produced by something we deploy`);
    }
    assert.match(platformMetrics, /labelNames: \['method', 'route', 'status_code'\]/);
    assert.match(platformMetrics, /setDefaultLabels\(\{ service \}\)/);
  });

  it('has panels whose queries measure what their titles say', () => {
    assert.match(exprs(/^Request rate/)[0] ?? '', /^sum by \(service\) \(rate\(http_request_duration_seconds_count/);
    const errors = exprs(/^Error rate/)[0] ?? '';
    assert.match(errors, /status_code=~"5\.\."/);
    assert.match(errors, /\) \/ sum by \(service\)/, 'a share: 5xx divided by all');
    const latency = exprs(/^Latency/);
    assert.deepEqual(
      latency.map((e) => /histogram_quantile\(([\d.]+), .*http_request_duration_seconds_bucket/.exec(e)?.[1]),
      ['0.5', '0.95', '0.99'],
    );
    const cpu = exprs(/^CPU utilization/)[0] ?? '';
    assert.match(
      cpu,
      /rate\(process_cpu_seconds_total.*\/ on \(app\).*kube_pod_container_resource_requests\{[^}]*resource="cpu"/,
    );
    const replicas = exprs(/^Replicas/);
    assert.ok(replicas.some((e) => e.includes('kube_deployment_status_replicas_available')));
    assert.ok(replicas.some((e) => e.includes('kube_horizontalpodautoscaler_status_desired_replicas')));
  });

  it('scrapes every Carebridge pod that asks, and provisions the dashboard', () => {
    const prometheus = renderKustomization(ROOT, 'k8s/monitoring').find(
      (d) => d.object.kind === 'ConfigMap' && (d.object.metadata as { name: string }).name === 'prometheus-config',
    );
    assert.ok(prometheus, 'the Prometheus configuration is rendered');
    const config = parse((prometheus.object.data as Record<string, string>)['prometheus.yml'] ?? '') as {
      scrape_configs: { job_name: string; kubernetes_sd_configs?: { namespaces: { names: string[] } }[] }[];
    };
    const pods = config.scrape_configs.find((c) => c.job_name === 'carebridge-pods');
    assert.deepEqual(pods?.kubernetes_sd_configs?.[0]?.namespaces.names, ['carebridge']);
    const apps = renderKustomization(ROOT, 'k8s/base').filter(
      (d) =>
        d.object.kind === 'Deployment' &&
        (d.object.metadata as { labels: Record<string, string> }).labels['app.kubernetes.io/component'] === 'api',
    );
    for (const app of apps) {
      const annotations =
        (app.object.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template.metadata
          .annotations ?? {};
      assert.equal(
        annotations['prometheus.io/scrape'],
        'true',
        `${(app.object.metadata as { name: string }).name} is scraped`,
      );
      assert.equal(annotations['prometheus.io/path'], '/metrics');
    }
  });
});

describe('deliberate mistakes are caught, naming the file and the field', () => {
  let copy: string;
  before(() => {
    copy = mkdtempSync(join(tmpdir(), 'carebridge-manifests-'));
    for (const dir of ['k8s', 'istio', 'metallb', 'jenkins'])
      cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  const edit = (file: string, from: string | RegExp, to: string) => {
    const path = join(copy, file);
    const text = readFileSync(path, 'utf8');
    const next = text.replace(from, to);
    assert.notEqual(next, text, `the edit applies to ${file}`);
    writeFileSync(path, next);
    return () => writeFileSync(path, text);
  };

  it('a misspelled field in an agent pod template', async () => {
    const undo = edit('jenkins/agents/test.yaml', '      readinessProbe:', '      readynessProbe:');
    try {
      const found = lines((await checkManifests(copy)).problems);
      assert.ok(
        found.some((l) =>
          l.startsWith(
            'jenkins/agents/test.yaml: Pod carebridge-test-agent at spec.containers[2].readynessProbe: unknown field',
          ),
        ),
        found.join('\n'),
      );
    } finally {
      undo();
    }
  });

  it('a misspelled field', async () => {
    const undo = edit('k8s/base/board.yaml', '          readinessProbe:', '          readynessProbe:');
    try {
      const found = lines((await checkManifests(copy)).problems);
      assert.ok(
        found.some((l) =>
          l.startsWith(
            'k8s/base/board.yaml: Deployment board at spec.template.spec.containers[0].readynessProbe: unknown field',
          ),
        ),
        found.join('\n'),
      );
    } finally {
      undo();
    }
  });

  it('an autoscaler on a container without a CPU request', async () => {
    const undo = edit('k8s/base/hospital.yaml', / {14}cpu: 200m\n {14}memory: 192Mi/, '              memory: 192Mi');
    try {
      const { applied } = await checkManifests(copy);
      const found = lines(CLUSTER_CHECKS.autoscalers?.(applied) ?? []);
      assert.ok(
        found.some((l) =>
          l.startsWith(
            'k8s/base/hospital.yaml: Deployment hospital at spec.template.spec.containers[0].resources.requests.cpu: is required: HPA hospital',
          ),
        ),
        found.join('\n'),
      );
    } finally {
      undo();
    }
  });

  it('a route to a Service that does not exist', async () => {
    const undo = edit(
      'istio/virtual-service.yaml',
      'host: board.carebridge.svc.cluster.local',
      'host: boards.carebridge.svc.cluster.local',
    );
    try {
      const found = lines((await checkManifests(copy)).problems);
      assert.ok(
        found.some((l) =>
          l.startsWith(
            'istio/virtual-service.yaml: VirtualService carebridge at spec.http[1].route[0].destination.host: no Service boards',
          ),
        ),
        found.join('\n'),
      );
    } finally {
      undo();
    }
  });

  it('a committed secret value, a root container and an unpinned image', async () => {
    const undos = [
      edit('k8s/base/mysql.yaml', 'image: mysql:8.4.3', 'image: mysql:latest'),
      edit('k8s/base/web.yaml', 'runAsNonRoot: true', 'runAsNonRoot: false'),
      edit('k8s/base/config.yaml', '\ndata:\n', '\ndata:\n  DB_PASSWORD: hunter2\n'),
    ];
    writeFileSync(
      join(copy, 'k8s/base/leak.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: leak\nstringData:\n  token: abc\n',
    );
    const undoKustomization = edit(
      'k8s/base/kustomization.yaml',
      '  - config.yaml\n',
      '  - config.yaml\n  - leak.yaml\n',
    );
    try {
      const found = lines((await checkManifests(copy)).problems).join('\n');
      assert.match(found, /k8s\/base\/leak\.yaml: Secret leak at data: carries a value/);
      assert.match(
        found,
        /k8s\/base\/web\.yaml: Deployment web at spec\.template\.spec\.containers\[0\]\.securityContext\.runAsNonRoot: must be true/,
      );
      assert.match(
        found,
        /k8s\/base\/mysql\.yaml: StatefulSet mysql at spec\.template\.spec\.containers\[0\]\.image: .*must be pinned/,
      );
      assert.match(found, /k8s\/base\/config\.yaml: ConfigMap carebridge-config at data\.DB_PASSWORD: looks secret/);
    } finally {
      for (const undo of [...undos, undoKustomization]) undo();
      rmSync(join(copy, 'k8s/base/leak.yaml'));
    }
  });
});
