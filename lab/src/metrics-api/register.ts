import { kubectl, kubectlOk, type LocalCluster, toYaml } from '@carebridge/manifests';

export const METRICS_NAMESPACE = 'lab-metrics';
export const METRICS_SERVICE = 'metrics';
/** The name the aggregator checks the serving certificate for. */
export const METRICS_HOST = `${METRICS_SERVICE}.${METRICS_NAMESPACE}.svc`;

/**
 * The objects that make kube-apiserver proxy `metrics.k8s.io/v1beta1` to the lab on loopback: an `ExternalName`
 * Service (the aggregator's default resolver dials `externalName:port` for it, where Endpoints could not hold a
 * loopback address) and the APIService with the adapter's CA as `caBundle`.
 */
export function metricsApiObjects(port: number, caBundle: string): Record<string, unknown>[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: METRICS_NAMESPACE } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: METRICS_SERVICE, namespace: METRICS_NAMESPACE },
      spec: { type: 'ExternalName', externalName: '127.0.0.1', ports: [{ name: 'https', port }] },
    },
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { name: METRICS_SERVICE, namespace: METRICS_NAMESPACE, port },
        caBundle: Buffer.from(caBundle).toString('base64'),
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    },
  ];
}

/** Applies the objects and waits until the aggregator reports the APIService `Available`. */
export async function registerMetricsApi(cluster: LocalCluster, port: number, caBundle: string): Promise<void> {
  kubectlOk(
    cluster,
    ['apply', '--server-side', '--force-conflicts', '--field-manager=lab', '-f', '-'],
    toYaml(metricsApiObjects(port, caBundle)),
  );
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    const got = kubectl(cluster, ['get', 'apiservice', 'v1beta1.metrics.k8s.io', '-o', 'json']);
    if (got.status === 0) {
      const conditions = (JSON.parse(got.stdout).status?.conditions ?? []) as {
        type: string;
        status: string;
        message?: string;
      }[];
      const available = conditions.find((c) => c.type === 'Available');
      if (available?.status === 'True') return;
      last = available?.message ?? '';
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the metrics.k8s.io APIService did not become Available: ${last}`);
}

export function unregisterMetricsApi(cluster: LocalCluster): void {
  kubectl(cluster, ['delete', 'apiservice', 'v1beta1.metrics.k8s.io', '--ignore-not-found']);
}
