/**
 * Rollout scenarios side by side on a real control plane, all at once: per scenario a Deployment `<name>-k8s`
 * rolled by kube-controller-manager's Deployment controller (its pod template changes from v1 to v2), and two bare
 * ReplicaSets `<name>-lab-v1` / `<name>-lab-v2` of the same pods, sized by the lab's {@link planStep} each time
 * either changes (the Deployment controller, too, syncs on ReplicaSet events). kwok makes the pods ready, or never
 * ready for a broken version. Both sides are observed through one watch of the ReplicaSets.
 */
import { kubectl, kubectlOk, toYaml } from '@carebridge/manifests';
import { resolveFenceposts } from '../rollout/fenceposts.js';
import { planStep, type RolloutProgressMark } from '../rollout/plan-step.js';
import { COMPARE_NAMESPACE, type CompareCluster } from './hpa-run.js';
import { ObjectCache } from './object-cache.js';

export const NEVER_READY_ANNOTATION = 'carebridge.dev/kwok-never-ready';

export interface RolloutScenario {
  name: string;
  title: string;
  replicas: number;
  maxSurge: number | string;
  maxUnavailable: number | string;
  progressDeadlineSeconds: number;
  /** The new version's pods never become ready. */
  broken: boolean;
  durationSeconds: number;
}

export function rolloutScenarios(quick: boolean): RolloutScenario[] {
  const deadline = quick ? 20 : 60;
  return [
    {
      name: 'surge-1-unavailable-0',
      title: 'maxSurge 1 / maxUnavailable 0',
      replicas: 4,
      maxSurge: 1,
      maxUnavailable: 0,
      progressDeadlineSeconds: deadline,
      broken: false,
      durationSeconds: 30,
    },
    {
      name: 'surge-25-unavailable-25',
      title: 'maxSurge 25 % / maxUnavailable 25 %',
      replicas: 8,
      maxSurge: '25%',
      maxUnavailable: '25%',
      progressDeadlineSeconds: deadline,
      broken: false,
      durationSeconds: 30,
    },
    {
      name: 'never-ready',
      title: 'A version that never becomes ready (progress deadline)',
      replicas: 4,
      maxSurge: 1,
      maxUnavailable: 0,
      progressDeadlineSeconds: deadline,
      broken: true,
      durationSeconds: deadline + 20,
    },
  ];
}

/** One observed state: the new and old ReplicaSets' sizes and ready counts. */
export interface RolloutStep {
  t: number;
  newReplicas: number;
  oldReplicas: number;
  newReady: number;
  oldReady: number;
}

export interface RolloutRun {
  scenario: RolloutScenario;
  startedAt: number;
  finishedAt: number;
  lab: RolloutStep[];
  k8s: RolloutStep[];
  /** When each side reported ProgressDeadlineExceeded, epoch ms. */
  labDeadlineAt: number | null;
  k8sDeadlineAt: number | null;
}

type Raw = Record<string, unknown> & {
  metadata?: { name?: string; labels?: Record<string, string>; ownerReferences?: { name: string }[] };
  spec?: { replicas?: number; template?: { metadata?: { labels?: Record<string, string> } } };
  status?: {
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: { type: string; status: string; reason?: string }[];
  };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function template(app: string, version: string, broken: boolean) {
  return {
    metadata: { labels: { app, version }, ...(broken ? { annotations: { [NEVER_READY_ANNOTATION]: 'true' } } : {}) },
    spec: {
      containers: [
        { name: 'app', image: `registry.invalid/lab-compare:${version}`, resources: { requests: { cpu: '100m' } } },
      ],
    },
  };
}

function deployment(s: RolloutScenario, version: string, broken: boolean) {
  const app = `${s.name}-k8s`;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, namespace: COMPARE_NAMESPACE },
    spec: {
      replicas: s.replicas,
      progressDeadlineSeconds: s.progressDeadlineSeconds,
      selector: { matchLabels: { app } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: s.maxSurge, maxUnavailable: s.maxUnavailable } },
      template: template(app, version, broken),
    },
  };
}

function replicaSet(s: RolloutScenario, version: string, replicas: number, broken: boolean) {
  const app = `${s.name}-lab`;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${app}-${version}`, namespace: COMPARE_NAMESPACE, labels: { app, version } },
    spec: { replicas, selector: { matchLabels: { app, version } }, template: template(app, version, broken) },
  };
}

const sizes = (rs: Raw | undefined) => ({
  replicas: rs?.spec?.replicas ?? 0,
  ready: rs?.status?.readyReplicas ?? 0,
  available: rs?.status?.availableReplicas ?? 0,
});

export async function runRolloutScenarios(
  env: CompareCluster,
  scenarios: RolloutScenario[],
  log: (line: string) => void,
): Promise<RolloutRun[]> {
  const sets = new ObjectCache(env.cluster, 'replicasets', COMPARE_NAMESPACE);
  sets.start();
  kubectlOk(
    env.cluster,
    ['apply', '-f', '-'],
    toYaml(
      scenarios.flatMap((s) => [
        deployment(s, 'v1', false),
        replicaSet(s, 'v1', s.replicas, false),
        replicaSet(s, 'v2', 0, s.broken),
      ]),
    ),
  );
  const ready = (name: string, n: number) => (sets.get(name) as Raw | undefined)?.status?.availableReplicas === n;
  const k8sSets = (s: RolloutScenario) =>
    sets.list().filter((rs) => (rs as Raw).metadata?.ownerReferences?.some((o) => o.name === `${s.name}-k8s`)) as Raw[];
  const deadline = Date.now() + 120_000;
  while (
    !scenarios.every(
      (s) => ready(`${s.name}-lab-v1`, s.replicas) && k8sSets(s).some((rs) => sizes(rs).available === s.replicas),
    )
  ) {
    if (Date.now() > deadline) throw new Error('the v1 pods did not become available within 120 s');
    await sleep(200);
  }
  log('… v1 available on both sides; rolling out v2');
  const v1Of = new Map(scenarios.map((s) => [s.name, k8sSets(s)[0]?.metadata?.name ?? '']));
  const startedAt = Date.now();
  const runs: RolloutRun[] = scenarios.map((scenario) => ({
    scenario,
    startedAt,
    finishedAt: 0,
    lab: [],
    k8s: [],
    labDeadlineAt: null,
    k8sDeadlineAt: null,
  }));
  const marks = new Map<string, RolloutProgressMark | undefined>();
  const record = (list: RolloutStep[], step: Omit<RolloutStep, 't'>) => {
    const last = list.at(-1);
    if (
      last &&
      last.newReplicas === step.newReplicas &&
      last.oldReplicas === step.oldReplicas &&
      last.newReady === step.newReady &&
      last.oldReady === step.oldReady
    )
      return;
    list.push({ t: Date.now(), ...step });
  };
  const observe = () => {
    const now = Date.now();
    for (const run of runs) {
      if (run.finishedAt !== 0) continue;
      const s = run.scenario;
      const sets3 = k8sSets(s);
      const oldK = sizes(sets3.find((rs) => rs.metadata?.name === v1Of.get(s.name)));
      const newK = sizes(sets3.find((rs) => rs.metadata?.name !== v1Of.get(s.name)));
      record(run.k8s, {
        newReplicas: newK.replicas,
        oldReplicas: oldK.replicas,
        newReady: newK.ready,
        oldReady: oldK.ready,
      });
      const oldL = sizes(sets.get(`${s.name}-lab-v1`) as Raw | undefined);
      const newL = sizes(sets.get(`${s.name}-lab-v2`) as Raw | undefined);
      record(run.lab, {
        newReplicas: newL.replicas,
        oldReplicas: oldL.replicas,
        newReady: newL.ready,
        oldReady: oldL.ready,
      });
      const d = env.deployments.get(`${s.name}-k8s`) as Raw | undefined;
      const progressing = d?.status?.conditions?.find((c) => c.type === 'Progressing');
      if (run.k8sDeadlineAt === null && progressing?.reason === 'ProgressDeadlineExceeded') run.k8sDeadlineAt = now;
      if (now - startedAt >= s.durationSeconds * 1000) run.finishedAt = now;
    }
  };
  /** The lab's controller: one planStep on the two ReplicaSets, applied with kubectl scale. */
  const syncLab = () => {
    const now = Date.now();
    for (const run of runs) {
      if (run.finishedAt !== 0) continue;
      const s = run.scenario;
      const oldRS = sizes(sets.get(`${s.name}-lab-v1`) as Raw | undefined);
      const newRS = sizes(sets.get(`${s.name}-lab-v2`) as Raw | undefined);
      const { surge, unavailable } = resolveFenceposts(s.maxSurge, s.maxUnavailable, s.replicas);
      const step = planStep({
        now,
        desired: s.replicas,
        surge,
        unavailable,
        progressDeadlineSeconds: s.progressDeadlineSeconds,
        newRS,
        oldRSs: [oldRS],
        progress: marks.get(s.name),
      });
      marks.set(s.name, step.progress);
      if (step.deadlineExceeded && run.labDeadlineAt === null) run.labDeadlineAt = now;
      if (step.newReplicas !== newRS.replicas) {
        kubectl(env.cluster, [
          '-n',
          COMPARE_NAMESPACE,
          'scale',
          'rs',
          `${s.name}-lab-v2`,
          `--replicas=${step.newReplicas}`,
        ]);
      }
      if ((step.oldReplicas[0] ?? 0) !== oldRS.replicas) {
        kubectl(env.cluster, [
          '-n',
          COMPARE_NAMESPACE,
          'scale',
          'rs',
          `${s.name}-lab-v1`,
          `--replicas=${step.oldReplicas[0]}`,
        ]);
      }
    }
  };

  // Both sides start together: the Deployments' templates change, the lab's first step runs.
  kubectlOk(env.cluster, ['apply', '-f', '-'], toYaml(scenarios.map((s) => deployment(s, 'v2', s.broken))));
  syncLab();
  let dirty = false;
  // Every ReplicaSet event is recorded at once: the controller takes several steps within a few hundred ms
  // when kwok's pods become ready at once, and a sampled view would merge them.
  sets.onChange = () => {
    dirty = true;
    observe();
  };
  while (runs.some((r) => r.finishedAt === 0)) {
    if (dirty) {
      dirty = false;
      syncLab();
    } else if (runs.some((r) => r.scenario.broken)) {
      // The deadline is a matter of time, not of events: the controller requeues a stuck Deployment for it.
      syncLab();
    }
    observe();
    await sleep(250);
  }
  sets.onChange = undefined;
  sets.close();
  for (const r of runs) {
    log(`✓ ${r.scenario.name}: lab ${r.lab.length} states, kube-controller-manager ${r.k8s.length}`);
  }
  kubectl(env.cluster, ['-n', COMPARE_NAMESPACE, 'delete', 'deployment,rs', '--all', '--wait=false']);
  return runs;
}

/** The sizes both sides went through (ready counts aside: they follow kwok), as `new/old` strings. */
export function sizeSequence(steps: readonly RolloutStep[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    const key = `${s.newReplicas}/${s.oldReplicas}`;
    if (out.at(-1) !== key) out.push(key);
  }
  return out;
}
