/**
 * Runs HPA scenarios side by side on a real control plane, all at once, on one clock: per scenario two identical
 * Deployments of kwok pods with 100m CPU requests, `<name>-k8s` scaled by kube-controller-manager's HPA (reading
 * the lab's metrics.k8s.io) and `<name>-lab` scaled by the lab's {@link HpaController} (reading the same pods and
 * the same metrics). Both are observed through one watch of the Deployments, so their decisions carry times of
 * the same clock.
 */
import { kubectl, kubectlOk, type LocalCluster, toYaml } from '@carebridge/manifests';
import { HpaController, type ScaleTarget, ThresholdController } from '../autoscaling/controller.js';
import { DEFAULT_CONTROLLER_SETTINGS } from '../autoscaling/reconcile.js';
import { type MetricsPod, type MetricsSource, podMetrics } from '../metrics-api/server.js';
import { waitFor } from '../wait.js';
import { toPod, toPodMetrics } from '../watch/kube-adapter.js';
import { toPodSample } from '../watch/pod-readiness.js';
import { ObjectCache } from './object-cache.js';
import type { HpaScenario } from './scenarios.js';
import { type PodFacts, type ScriptedDeployment, scriptedSource } from './scripted-load.js';

export const COMPARE_NAMESPACE = 'lab-compare';

export interface Decision {
  t: number;
  from: number;
  to: number;
  reason: string;
}

export interface SidePoint {
  /** `spec.replicas` of the Deployment. */
  replicas: number;
  ready: number;
  /** What the HPA wants now (the real one's `status.desiredReplicas`, the lab's last decision). */
  desired: number | null;
  /** The scripted total demand over the ready pods' requests, percent. */
  utilization: number | null;
}

export interface HpaSample {
  t: number;
  lab: SidePoint;
  k8s: SidePoint;
  /** The threshold rule's Deployment, when the scenario runs one. */
  threshold?: SidePoint;
}

/** A sync of the lab's HPA that scaled up with pods lacking metrics: the rule that counts them at 0 % ran. */
export interface MissingMetricsSync {
  t: number;
  missingPods: number;
  usageRatio: number;
  adjustedUsageRatio: number | null;
  recommendation: number;
}

export interface HpaRun {
  scenario: HpaScenario;
  /** Syncs where the missing-metrics rule of a scale-up applied (lab side; the real HPA's inner steps are not visible). */
  missingMetricsSyncs: MissingMetricsSync[];
  startedAt: number;
  finishedAt: number;
  lab: Decision[];
  k8s: Decision[];
  /** The threshold rule's rescales (`compare policy`); not compared, shown beside. */
  threshold: Decision[];
  samples: HpaSample[];
}

type Raw = Record<string, unknown> & {
  metadata?: { name?: string; labels?: Record<string, string>; creationTimestamp?: string; deletionTimestamp?: string };
  spec?: { replicas?: number; containers?: { name: string }[] };
  status?: { readyReplicas?: number; desiredReplicas?: number; conditions?: { type: string; status: string }[] };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function deployment(app: string, replicas: number): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, namespace: COMPARE_NAMESPACE, labels: { app } },
    spec: {
      replicas,
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'registry.invalid/lab-compare:1',
              resources: { requests: { cpu: '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}

export function hpa(app: string, scenario: HpaScenario): Record<string, unknown> {
  const a = scenario.autoscaler;
  return JSON.parse(
    JSON.stringify({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: app, namespace: COMPARE_NAMESPACE },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
        minReplicas: a.minReplicas,
        maxReplicas: a.maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: a.targetCpuUtilization } },
          },
        ],
        behavior: a.behavior,
      },
    }),
  );
}

const isReady = (pod: Raw) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** The cluster's state for the comparison: Deployments, pods and HPAs of the namespace, watched. */
export class CompareCluster {
  readonly deployments: ObjectCache;
  readonly pods: ObjectCache;
  readonly hpas: ObjectCache;
  readonly scripts: ScriptedDeployment[] = [];
  readonly source: MetricsSource;

  constructor(readonly cluster: LocalCluster) {
    this.deployments = new ObjectCache(cluster, 'deployments', COMPARE_NAMESPACE);
    this.pods = new ObjectCache(cluster, 'pods', COMPARE_NAMESPACE);
    this.hpas = new ObjectCache(cluster, 'hpa', COMPARE_NAMESPACE);
    this.source = scriptedSource(
      () => this.scripts,
      (ns) => (ns === null || ns === COMPARE_NAMESPACE ? this.metricsPods() : []),
    );
  }

  start(): void {
    kubectl(this.cluster, ['delete', 'namespace', COMPARE_NAMESPACE, '--ignore-not-found', '--wait=true']);
    kubectlOk(this.cluster, ['create', 'namespace', COMPARE_NAMESPACE]);
    for (const cache of [this.deployments, this.pods, this.hpas]) cache.start();
  }

  close(): void {
    for (const cache of [this.deployments, this.pods, this.hpas]) cache.close();
    kubectl(this.cluster, ['delete', 'namespace', COMPARE_NAMESPACE, '--ignore-not-found', '--wait=false']);
  }

  metricsPods(): (MetricsPod & PodFacts)[] {
    return this.pods
      .list()
      .filter((p) => !p.metadata?.deletionTimestamp)
      .map((p) => ({
        name: p.metadata?.name ?? '',
        namespace: COMPARE_NAMESPACE,
        labels: p.metadata?.labels ?? {},
        containers: ((p as Raw).spec?.containers ?? []).map((c) => c.name),
        ready: isReady(p as Raw),
        createdAt: Date.parse(p.metadata?.creationTimestamp ?? '') || 0,
      }));
  }

  specReplicas(app: string): number {
    return ((this.deployments.get(app) as Raw | undefined)?.spec?.replicas as number | undefined) ?? 0;
  }

  readyReplicas(app: string): number {
    return (this.deployments.get(app) as Raw | undefined)?.status?.readyReplicas ?? 0;
  }

  /** The scripted demand over the ready pods' requests (100m each), as the HPA would compute it. */
  utilization(app: string, now: number): number | null {
    const pods = this.metricsPods().filter((p) => p.labels.app === app && p.ready);
    const used = pods.map((p) => this.source.usage(p, now)?.cpuMilli ?? null).filter((u): u is number => u !== null);
    return used.length === 0 ? null : Math.trunc((used.reduce((a, b) => a + b, 0) * 100) / (used.length * 100));
  }

  /** The lab's controller's view of a Deployment: the same pods and metrics the real HPA reads. */
  scaleTarget(app: string, scenario: HpaScenario): ScaleTarget {
    return {
      name: app,
      autoscaler: scenario.autoscaler,
      currentReplicas: () => this.specReplicas(app),
      pods: (now) =>
        this.pods
          .list()
          .filter((p) => p.metadata?.labels?.app === app)
          .map((raw) => {
            const pod = toPod(raw);
            const served = this.metricsPods().find((m) => m.name === pod.name);
            const metric = served ? podMetrics(served, this.source, now) : null;
            return toPodSample(pod, metric ? toPodMetrics(metric) : undefined, now, DEFAULT_CONTROLLER_SETTINGS);
          }),
      scaleTo: (n) => {
        kubectl(this.cluster, ['-n', COMPARE_NAMESPACE, 'scale', 'deployment', app, `--replicas=${n}`]);
      },
    };
  }

  /** The real HPA's rescale events (`SuccessfulRescale`), oldest first, for the decisions' reasons. */
  rescaleReasons(app: string): string[] {
    const got = kubectl(this.cluster, [
      '-n',
      COMPARE_NAMESPACE,
      'get',
      'events',
      '--field-selector',
      `involvedObject.kind=HorizontalPodAutoscaler,involvedObject.name=${app},reason=SuccessfulRescale`,
      '-o',
      'json',
    ]);
    if (got.status !== 0) return [];
    const items = JSON.parse(got.stdout).items as {
      message: string;
      count?: number;
      lastTimestamp?: string;
      eventTime?: string;
    }[];
    return items
      .sort(
        (a, b) => Date.parse(a.lastTimestamp ?? a.eventTime ?? '') - Date.parse(b.lastTimestamp ?? b.eventTime ?? ''),
      )
      .map((e) => e.message);
  }
}

/** Runs every scenario at once; resolves when the longest has finished. */
export async function runHpaScenarios(
  env: CompareCluster,
  scenarios: HpaScenario[],
  syncSeconds: number,
  log: (line: string) => void,
): Promise<HpaRun[]> {
  const sidesOf = (s: HpaScenario) => (s.threshold ? ['lab', 'k8s', 'threshold'] : ['lab', 'k8s']);
  const minOf = (s: HpaScenario, side: string) =>
    side === 'threshold' && s.threshold ? s.threshold.minReplicas : s.autoscaler.minReplicas;
  const apps = scenarios.flatMap((s) => sidesOf(s).map((side) => `${s.name}-${side}`));
  kubectlOk(
    env.cluster,
    ['apply', '-f', '-'],
    toYaml(scenarios.flatMap((s) => sidesOf(s).map((side) => deployment(`${s.name}-${side}`, minOf(s, side))))),
  );
  const ready = () =>
    scenarios.every((s) => sidesOf(s).every((side) => env.readyReplicas(`${s.name}-${side}`) === minOf(s, side)));
  if ((await waitFor(ready, 120_000, 200)) === undefined) throw new Error('the Deployments ready: not within 120s');
  log(`… ${apps.length} Deployments ready; starting the scenarios`);

  const startedAt = Date.now();
  const runs: HpaRun[] = scenarios.map((scenario) => ({
    scenario,
    startedAt,
    finishedAt: 0,
    lab: [],
    k8s: [],
    threshold: [],
    samples: [],
    missingMetricsSyncs: [],
  }));
  for (const s of scenarios) {
    for (const side of sidesOf(s)) {
      env.scripts.push({
        app: `${s.name}-${side}`,
        startedAt,
        phases: s.phases,
        missingForSeconds: s.missingForSeconds,
      });
    }
  }
  const last = new Map(apps.map((a) => [a, env.specReplicas(a)]));
  const labReasons = new Map<string, string[]>();
  env.deployments.onChange = (_type, object) => {
    const app = (object as Raw).metadata?.name ?? '';
    const replicas = (object as Raw).spec?.replicas ?? 0;
    const before = last.get(app);
    if (before === undefined || before === replicas) return;
    last.set(app, replicas);
    const run = runs.find((r) => app.startsWith(`${r.scenario.name}-`));
    if (run?.finishedAt !== 0) return;
    const side = app.endsWith('-lab') ? run.lab : app.endsWith('-threshold') ? run.threshold : run.k8s;
    side.push({ t: Date.now(), from: before, to: replicas, reason: '' });
  };

  kubectlOk(env.cluster, ['apply', '-f', '-'], toYaml(scenarios.map((s) => hpa(`${s.name}-k8s`, s))));
  const controllers = scenarios.map((s) => {
    const app = `${s.name}-lab`;
    const reasons: string[] = [];
    labReasons.set(app, reasons);
    return new HpaController(env.scaleTarget(app, s), {
      onEvent: (e) => reasons.push(`New size: ${e.to}; reason: ${e.reason}`),
    });
  });
  const thresholdReasons = new Map<string, string[]>();
  const thresholds = scenarios.map((s) => {
    if (!s.threshold) return undefined;
    const app = `${s.name}-threshold`;
    const reasons: string[] = [];
    thresholdReasons.set(app, reasons);
    return new ThresholdController(env.scaleTarget(app, s), s.threshold, {
      onEvent: (e) => reasons.push(`New size: ${e.to}; reason: ${e.reason}`),
    });
  });
  const active = () => runs.map((r, i) => ({ r, i })).filter(({ r }) => r.finishedAt === 0);
  const sync = () => {
    for (const { r, i } of active()) {
      controllers[i]?.sync();
      thresholds[i]?.sync();
      const c = controllers[i]?.last?.calculation;
      if (c && c.missingPods.length > 0 && c.usageRatio > 1)
        r.missingMetricsSyncs.push({
          t: Date.now(),
          missingPods: c.missingPods.length,
          usageRatio: c.usageRatio,
          adjustedUsageRatio: c.adjustedUsageRatio,
          recommendation: c.recommendation,
        });
    }
  };
  const syncTimer = setInterval(sync, syncSeconds * 1000);
  sync();

  const side = (app: string, desired: number | null, now: number): SidePoint => ({
    replicas: env.specReplicas(app),
    ready: env.readyReplicas(app),
    desired,
    utilization: env.utilization(app, now),
  });
  const longest = Math.max(...scenarios.map((s) => s.durationSeconds));
  while (Date.now() - startedAt < longest * 1000) {
    const now = Date.now();
    for (const { r, i } of active()) {
      const name = r.scenario.name;
      const k8sHpa = env.hpas.get(`${name}-k8s`) as Raw | undefined;
      r.samples.push({
        t: now,
        lab: side(`${name}-lab`, controllers[i]?.desired ?? null, now),
        k8s: side(`${name}-k8s`, k8sHpa?.status?.desiredReplicas ?? null, now),
        ...(thresholds[i] ? { threshold: side(`${name}-threshold`, thresholds[i]?.desired ?? null, now) } : {}),
      });
      if (now - startedAt >= r.scenario.durationSeconds * 1000) {
        r.finishedAt = now;
        log(
          `✓ ${name}: lab ${r.lab.map((d) => d.to).join('→') || '–'}, kube-controller-manager ${r.k8s.map((d) => d.to).join('→') || '–'}${r.scenario.threshold ? `, threshold rule ${r.threshold.map((d) => d.to).join('→') || '–'}` : ''}`,
        );
      }
    }
    await sleep(1000);
  }
  clearInterval(syncTimer);
  env.deployments.onChange = undefined;
  for (const r of runs) {
    if (r.finishedAt === 0) r.finishedAt = Date.now();
    const name = r.scenario.name;
    const k8sReasons = env.rescaleReasons(`${name}-k8s`);
    for (const [i, d] of r.k8s.entries()) d.reason = k8sReasons[i] ?? 'spec.replicas changed';
    const own = labReasons.get(`${name}-lab`) ?? [];
    for (const [i, d] of r.lab.entries()) d.reason = own[i] ?? 'spec.replicas changed';
    const rule = thresholdReasons.get(`${name}-threshold`) ?? [];
    for (const [i, d] of r.threshold.entries()) d.reason = rule[i] ?? 'spec.replicas changed';
  }
  kubectl(env.cluster, ['-n', COMPARE_NAMESPACE, 'delete', 'hpa,deployment', '--all', '--wait=false']);
  return runs;
}
