import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { kubectl, kubectlOk, type LocalCluster, tool, toYaml, yamlObjects } from './cluster.js';
import { describe, type Resource } from './documents.js';

/**
 * Installing the platform (MetalLB, Istio) and the app on a real API server the way docs/deploy.md
 * tells an operator to, with the differences a cluster without real kubelets needs, each named here:
 * admission webhooks are left out (their backends would be simulated pods that answer nothing, and
 * the API server would call them), and sidecars are injected by `istioctl kube-inject` with the
 * installed injector's own configuration instead of by the webhook.
 */
const WEBHOOK_KINDS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

export interface IstioInstall {
  meshConfigFile: string;
  injectConfigFile: string;
  injectValuesFile: string;
  /** istiod's environment from the install values (ENABLE_NATIVE_SIDECARS, …). */
  pilotEnv: Record<string, string>;
}

export interface ApplyOutcome {
  /** `file: Kind/name: message` for every object the API server refused. */
  errors: string[];
  /** `file: Kind/name: Warning: …` for every warning the API server sent back. */
  warnings: string[];
}

function withoutWebhooks(objects: Record<string, unknown>[]) {
  return objects.filter((o) => !WEBHOOK_KINDS.has(String(o.kind)));
}

export function installMetalLB(cluster: LocalCluster, root: string): void {
  const node = { bin: dirname(process.execPath) };
  const path = tool(node, basename(process.execPath), [
    join(root, 'scripts/cluster/upstream-manifest.mjs'),
    'metallb-native',
  ]).stdout.trim();
  const objects = withoutWebhooks(yamlObjects(readFileSync(path, 'utf8')));
  kubectlOk(
    cluster,
    ['apply', '--server-side', '--force-conflicts', '--field-manager=metallb-install', '-f', '-'],
    toYaml(objects),
  );
}

export function installIstio(cluster: LocalCluster, root: string): IstioInstall {
  const operatorFile = join(root, 'istio/install/istio-operator.yaml');
  const generated = yamlObjects(tool(cluster, 'istioctl', ['manifest', 'generate', '-f', operatorFile]).stdout);
  kubectl(cluster, ['create', 'namespace', 'istio-system']); // istioctl install creates it too
  kubectlOk(
    cluster,
    ['apply', '--server-side', '--force-conflicts', '--field-manager=istio-install', '-f', '-'],
    toYaml(withoutWebhooks(generated)),
  );
  const configMap = (name: string) =>
    generated.find((o) => o.kind === 'ConfigMap' && (o.metadata as { name: string }).name === name) as
      | { data: Record<string, string> }
      | undefined;
  const mesh = configMap('istio')?.data.mesh;
  const injector = configMap('istio-sidecar-injector')?.data;
  if (!mesh || !injector?.config || !injector.values) throw new Error('istioctl generated no mesh or injector config');
  const dir = mkdtempSync(join(tmpdir(), 'istio-install-'));
  const files = {
    meshConfigFile: join(dir, 'mesh.yaml'),
    injectConfigFile: join(dir, 'inject-config.yaml'),
    injectValuesFile: join(dir, 'inject-values.json'),
  };
  writeFileSync(files.meshConfigFile, mesh);
  writeFileSync(files.injectConfigFile, injector.config);
  writeFileSync(files.injectValuesFile, injector.values);
  const operator = parse(readFileSync(operatorFile, 'utf8')) as {
    spec?: { values?: { pilot?: { env?: Record<string, string> } } };
  };
  return { ...files, pilotEnv: operator.spec?.values?.pilot?.env ?? {} };
}

/** The objects as the sidecar injector would admit their pods in an `istio-injection: enabled` namespace. */
export function injectSidecars(cluster: LocalCluster, install: IstioInstall, yamlText: string): string {
  const previous = { ...process.env };
  Object.assign(process.env, install.pilotEnv, { KUBECONFIG: cluster.kubeconfig });
  try {
    return tool(
      cluster,
      'istioctl',
      [
        'kube-inject',
        '--injectConfigFile',
        install.injectConfigFile,
        '--valuesFile',
        install.injectValuesFile,
        '--meshConfigFile',
        install.meshConfigFile,
        '-f',
        '-',
      ],
      yamlText,
    ).stdout;
  } finally {
    for (const key of Object.keys(install.pilotEnv)) {
      if (previous[key] === undefined) delete process.env[key];
      else process.env[key] = previous[key];
    }
    process.env.KUBECONFIG = previous.KUBECONFIG;
  }
}

const INJECTABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/**
 * Server-side applies each object on its own (strict field validation), so a refusal or a warning
 * names the file and the object. Workloads in injected namespaces get their sidecars first.
 */
export function applyResources(
  cluster: LocalCluster,
  resources: Resource[],
  options: { fieldManager: string; injectNamespaces?: Set<string>; istio?: IstioInstall },
): ApplyOutcome {
  const outcome: ApplyOutcome = { errors: [], warnings: [] };
  const ordered = [...resources].sort((a, b) => rank(a) - rank(b));
  for (const resource of ordered) {
    let text = toYaml([resource.object]);
    if (options.istio && INJECTABLE.has(resource.kind) && options.injectNamespaces?.has(resource.namespace ?? '')) {
      text = injectSidecars(cluster, options.istio, text);
    }
    const result = kubectl(
      cluster,
      [
        'apply',
        '--server-side',
        '--force-conflicts',
        `--field-manager=${options.fieldManager}`,
        '--validate=strict',
        '-f',
        '-',
      ],
      text,
    );
    const who = describe(resource);
    if (result.status !== 0) outcome.errors.push(`${who}: ${result.stderr.trim()}`);
    for (const warning of result.warnings) outcome.warnings.push(`${who}: ${warning}`);
  }
  return outcome;
}

/** Namespaces and CRDs first, as `kubectl apply` orders them. */
function rank(resource: Resource): number {
  if (resource.kind === 'Namespace') return 0;
  if (resource.kind === 'CustomResourceDefinition') return 1;
  if (resource.kind === 'StorageClass' || resource.kind === 'PersistentVolume') return 2;
  return 3;
}
