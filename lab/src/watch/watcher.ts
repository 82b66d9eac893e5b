/**
 * Watches one namespace of a real cluster: every `interval` (15 s by default, the HPA controller's sync period) it
 * lists Deployments, HorizontalPodAutoscalers, Pods and pod metrics through a {@link KubeSource}, turns them into the
 * lab's {@link ServiceSample}s, and computes the **shadow** decision: what the lab's implementation of the HPA
 * algorithm (`../autoscaling`) decides from the same pods, requests and usage, next to the cluster HPA's own
 * `status.desiredReplicas`. History (samples, observed scaling events, shadow decisions) is kept bounded.
 *
 * The shadow follows `reconcileAutoscaler` in Kubernetes' `pkg/controller/podautoscaler/horizontal.go`: the current
 * count is the Deployment's `spec.replicas` (the scale subresource); a target at 0 with `minReplicas` ≠ 0 disables
 * scaling; outside min/max it goes straight to the bound; otherwise the replica calculator runs on the pods the
 * Deployment's selector picks, then normalisation with this watcher's own recommendation history (seeded with the
 * current count on first sight, as the controller seeds it) and, with `behavior`, the scale changes it has observed.
 */
import {
  type NormalizeDetail,
  normalizeDetailed,
  type ScaleEvent,
  type TimedRecommendation,
} from '../autoscaling/normalize.js';
import {
  calculateReplicasDetailed,
  DEFAULT_CPU_INITIALIZATION_PERIOD_SECONDS,
  DEFAULT_TOLERANCE,
  type PodPhase,
  type PodSample,
  type ReplicaDecision,
} from '../autoscaling/replica-calculator.js';
import type { LabHistory, ScalingEvent, ServiceSample } from '../telemetry/types.js';
import {
  type KubeBehavior,
  type KubeCondition,
  type KubeDeployment,
  type KubeHpa,
  type KubePod,
  type KubePodMetrics,
  type KubeSource,
  selectorMatches,
} from './kube-adapter.js';

/** The kube-controller-manager flags the shadow assumes (set them as your cluster's controller is started). */
export interface ControllerSettings {
  /** `--horizontal-pod-autoscaler-tolerance`. */
  tolerance: number;
  /** `--horizontal-pod-autoscaler-cpu-initialization-period`, seconds. */
  cpuInitializationPeriodSeconds: number;
  /** `--horizontal-pod-autoscaler-initial-readiness-delay`, seconds. */
  initialReadinessDelaySeconds: number;
  /** `--horizontal-pod-autoscaler-downscale-stabilization`, seconds. */
  downscaleStabilizationWindowSeconds: number;
}

export const DEFAULT_CONTROLLER_SETTINGS: ControllerSettings = {
  tolerance: DEFAULT_TOLERANCE,
  cpuInitializationPeriodSeconds: DEFAULT_CPU_INITIALIZATION_PERIOD_SECONDS,
  initialReadinessDelaySeconds: 30,
  downscaleStabilizationWindowSeconds: 300,
};

export const DEFAULT_INTERVAL_SECONDS = 15;

/** How a pod counted in the HPA calculation (`groupPods`). */
export type HpaPodGroup = 'ready' | 'unready' | 'missing' | 'ignored';

export interface WatchedPod {
  name: string;
  phase: string;
  /** The pod's Ready condition is True. */
  ready: boolean;
  deleting: boolean;
  startTime: number | null;
  cpuRequestMilli: number | null;
  cpuUsageMilli: number | null;
  metricsTimestamp: number | null;
  /** Where the HPA algorithm puts it; null when the service has no HPA. */
  hpaGroup: HpaPodGroup | null;
}

export interface WatchedHpa {
  name: string;
  minReplicas: number;
  maxReplicas: number;
  targetUtilization: number | null;
  /** Metrics other than a CPU Utilization target, which the shadow does not compute. */
  otherMetrics: string[];
  behavior: KubeBehavior | null;
  status: {
    currentReplicas: number | null;
    desiredReplicas: number;
    currentCpuUtilization: number | null;
    lastScaleTime: number | null;
    observedGeneration: number | null;
    conditions: KubeCondition[];
  };
  generation: number | null;
}

export interface ShadowCalculation {
  /** Integer CPU utilization of the ready pods with samples, as the HPA reports it. */
  utilization: number;
  usageRatio: number;
  adjustedUsageRatio: number | null;
  decision: ReplicaDecision;
  /** The calculator's answer before normalisation (the recommendation that enters the history). */
  recommendation: number;
  readyPodCount: number;
  unreadyPods: string[];
  missingPods: string[];
  ignoredPods: string[];
}

export interface ShadowDecision {
  /** False when the HPA would fail to compute a recommendation (its `ScalingActive` would be False). */
  ok: boolean;
  error: string | null;
  /** The Deployment's `spec.replicas` the decision starts from. */
  currentReplicas: number;
  /** What the shadow would set `spec.replicas` to (the current count when it would not rescale). */
  desiredReplicas: number;
  rescale: boolean;
  /** As the controller's event or log would say it. */
  reason: string;
  calculation: ShadowCalculation | null;
  normalization: NormalizeDetail | null;
  /** The shadow has watched for less than the longest stabilization window or policy period of this HPA. */
  warmingUp: boolean;
}

export type Verdict = 'agree' | 'lagging' | 'disagree' | 'warming-up' | 'partial' | 'unable' | 'no-hpa';

export interface Comparison {
  verdict: Verdict;
  /** The cluster HPA's `status.desiredReplicas`. */
  clusterDesired: number | null;
  shadowDesired: number | null;
  /** Why the two differ when they do, or what limits the comparison. */
  notes: string[];
}

export interface WatchedService {
  name: string;
  component: string | null;
  version: string | null;
  sample: ServiceSample;
  deployment: {
    specReplicas: number;
    replicas: number;
    readyReplicas: number;
    updatedReplicas: number;
    availableReplicas: number;
    generation: number | null;
    observedGeneration: number | null;
  };
  pods: WatchedPod[];
  hpa: WatchedHpa | null;
  shadow: ShadowDecision | null;
  comparison: Comparison;
}

export interface PollOutcome {
  t: number;
  ok: boolean;
  error: string | null;
  /** The metrics API failed while the rest answered (metrics-server missing or unhealthy). */
  metricsError: string | null;
  durationMs: number;
}

/** `GET /lab/api/state` of the watcher. */
export interface WatchState {
  mode: 'kubernetes';
  server: string;
  namespace: string;
  intervalSeconds: number;
  controller: ControllerSettings;
  startedAt: number;
  polls: number;
  lastPoll: PollOutcome | null;
  services: WatchedService[];
  /** HPAs the watcher cannot pair with a Deployment of the namespace, and similar remarks. */
  notes: string[];
}

/** One shadow decision next to the cluster's, for charts over time. */
export interface ShadowPoint {
  t: number;
  service: string;
  hpa: string;
  currentReplicas: number;
  clusterDesired: number;
  shadowDesired: number | null;
  utilization: number | null;
  clusterUtilization: number | null;
  verdict: Verdict;
}

/** `GET /lab/api/history` of the watcher: the lab's history plus the shadow series. */
export interface WatchHistory extends LabHistory {
  shadow: ShadowPoint[];
}

export interface WatcherOptions {
  source: KubeSource;
  namespace: string;
  intervalSeconds?: number;
  controller?: Partial<ControllerSettings>;
  /** Entries kept per series (samples, shadow points); events keep a tenth of it. Default 20 000. */
  historyLimit?: number;
  /** Epoch milliseconds; injected by tests. */
  now?: () => number;
  /** Called after each poll, successful or not. */
  onPoll?: (state: WatchState) => void;
}

// ---------------------------------------------------------------------------------------------------------------
// Pods as the HPA sees them

const PHASES: readonly string[] = ['Running', 'Pending', 'Failed', 'Succeeded'];

/**
 * `groupPods`' unready rule for CPU, from the real timestamps: a pod without a Ready condition or start time is
 * unready; within the CPU initialization period after its start it is unready when not ready or when its sample
 * does not yet cover a full metric window since the last readiness transition; after that period it is unready
 * only when not ready and it never became ready (the last transition came within the initial readiness delay).
 * Times missing from the API count as Go's zero time.
 */
export function isUnreadyForCpu(
  pod: KubePod,
  metric: KubePodMetrics,
  now: number,
  settings: Pick<ControllerSettings, 'cpuInitializationPeriodSeconds' | 'initialReadinessDelaySeconds'>,
): boolean {
  const condition = pod.readyCondition;
  if (condition === null || pod.startTime === null) return true;
  const zero = Number.NEGATIVE_INFINITY;
  const transition = condition.lastTransitionTime ?? zero;
  if (pod.startTime + settings.cpuInitializationPeriodSeconds * 1000 > now) {
    const sampled = metric.timestamp ?? zero;
    return condition.status === 'False' || sampled < transition + (metric.windowSeconds ?? 0) * 1000;
  }
  return condition.status === 'False' && pod.startTime + settings.initialReadinessDelaySeconds * 1000 > transition;
}

/**
 * The calculator's input for one pod. Readiness is decided here with Kubernetes' full rule (which needs the
 * timestamps the calculator's input does not carry), so `startedSecondsAgo` is left out and the calculator's own
 * initialization-period shortcut never applies.
 */
export function toPodSample(
  pod: KubePod,
  metric: KubePodMetrics | undefined,
  now: number,
  settings: Pick<ControllerSettings, 'cpuInitializationPeriodSeconds' | 'initialReadinessDelaySeconds'>,
): PodSample {
  const usage = metric?.cpuUsageMilli ?? null;
  return {
    name: pod.name,
    // Kubernetes singles out only Pending and Failed; any other phase goes through the metric and readiness checks.
    phase: (PHASES.includes(pod.phase) ? pod.phase : 'Running') as PodPhase,
    ready: metric !== undefined && usage !== null ? !isUnreadyForCpu(pod, metric, now, settings) : false,
    cpuRequestMilli: pod.cpuRequestMilli ?? 0,
    cpuUsageMilli: usage,
    startedSecondsAgo: null,
    deleting: pod.deleting,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The shadow controller: the HPA controller's per-HPA memory and its reconcile step

interface Memory {
  firstSeen: number;
  recommendations: { replicas: number; t: number }[];
  scaleUp: { change: number; t: number }[];
  scaleDown: { change: number; t: number }[];
  lastSpecReplicas: number | null;
}

export interface ShadowInput {
  key: string;
  deployment: KubeDeployment;
  hpa: KubeHpa;
  /** The pods the Deployment's selector picks, all phases. */
  pods: KubePod[];
  metrics: ReadonlyMap<string, KubePodMetrics>;
  /** Set when the metrics API failed. */
  metricsError: string | null;
  now: number;
}

const CPU_METRIC = 'cpu resource utilization (percentage of request)';

function cpuTarget(hpa: KubeHpa): number | null {
  const cpu = hpa.metrics.find((m) => m.type === 'Resource' && m.resource === 'cpu' && m.targetType === 'Utilization');
  return cpu?.averageUtilization ?? null;
}

function otherMetricsOf(hpa: KubeHpa): string[] {
  return hpa.metrics
    .filter((m) => !(m.type === 'Resource' && m.resource === 'cpu' && m.targetType === 'Utilization'))
    .map((m) => (m.resource ? `${m.type} ${m.resource} (${m.targetType ?? '?'})` : m.type));
}

/** The longest stabilization window or policy period the HPA's normalisation looks back over, in seconds. */
function lookBackSeconds(hpa: KubeHpa, settings: ControllerSettings): number {
  const b = hpa.behavior;
  if (!b) return settings.downscaleStabilizationWindowSeconds;
  const periods = [...(b.scaleUp?.policies ?? []), ...(b.scaleDown?.policies ?? [])].map((p) => p.periodSeconds);
  return Math.max(
    b.scaleUp?.stabilizationWindowSeconds ?? 0,
    b.scaleDown?.stabilizationWindowSeconds ?? settings.downscaleStabilizationWindowSeconds,
    // Defaulted policies look back 15 s.
    15,
    ...periods,
  );
}

export class ShadowController {
  private readonly memory = new Map<string, Memory>();

  constructor(readonly settings: ControllerSettings = DEFAULT_CONTROLLER_SETTINGS) {}

  /** Forget HPAs that no longer exist (as the controller does when an HPA is deleted). */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.memory.keys()) if (!keys.has(key)) this.memory.delete(key);
  }

  /** One reconcile of one HPA, without writing anything: what would the controller set `spec.replicas` to? */
  decide(input: ShadowInput): ShadowDecision {
    const { hpa, deployment, now } = input;
    const current = deployment.specReplicas;
    const memory = this.remember(input);
    const lookBack = lookBackSeconds(hpa, this.settings);
    const warmingUp = now - memory.firstSeen < lookBack * 1000;
    const minReplicas = hpa.minReplicas ?? 1;
    const base = { currentReplicas: current, warmingUp, calculation: null, normalization: null };
    const decided = (desired: number, reason: string): ShadowDecision => {
      const rescale = desired !== current;
      return { ...base, ok: true, error: null, desiredReplicas: rescale ? desired : current, rescale, reason };
    };

    if (current === 0 && minReplicas !== 0) {
      return { ...decided(0, 'scaling is disabled since the replica count of the target is zero'), rescale: false };
    }
    if (current > hpa.maxReplicas) return decided(hpa.maxReplicas, 'Current number of replicas above Spec.MaxReplicas');
    if (current < minReplicas) return decided(minReplicas, 'Current number of replicas below Spec.MinReplicas');

    const target = cpuTarget(hpa);
    const unable = (error: string): ShadowDecision => ({
      ...base,
      ok: false,
      error,
      desiredReplicas: current,
      rescale: false,
      reason: `the HPA was unable to compute the replica count: ${error}`,
    });
    if (target === null) return unable('no Resource cpu Utilization target (the only metric the shadow computes)');
    if (input.metricsError !== null) return unable(`unable to get metrics for resource cpu: ${input.metricsError}`);
    const samples = input.pods.map((p) => toPodSample(p, input.metrics.get(p.name), now, this.settings));
    if (samples.length > 0 && samples.some((s) => s.cpuUsageMilli !== null)) {
      const withoutRequest = input.pods.find((p) => p.cpuRequestMilli === null);
      if (withoutRequest) {
        return unable(
          `missing request for cpu in container ${withoutRequest.containersWithoutCpuRequest[0]} of Pod ${withoutRequest.name}`,
        );
      }
    }
    let detail: ReturnType<typeof calculateReplicasDetailed>;
    try {
      detail = calculateReplicasDetailed({
        currentReplicas: current,
        targetUtilization: target,
        tolerance: this.settings.tolerance,
        ...(hpa.behavior?.scaleUpTolerance !== undefined ? { scaleUpTolerance: hpa.behavior.scaleUpTolerance } : {}),
        ...(hpa.behavior?.scaleDownTolerance !== undefined
          ? { scaleDownTolerance: hpa.behavior.scaleDownTolerance }
          : {}),
        cpuInitializationPeriodSeconds: this.settings.cpuInitializationPeriodSeconds,
        pods: samples,
      });
    } catch (error) {
      return unable((error as Error).message);
    }

    const recommendation = detail.desiredReplicas;
    const secondsAgo = (t: number) => (now - t) / 1000;
    const toEvents = (list: { change: number; t: number }[]): ScaleEvent[] =>
      list.map((e) => ({ replicaChange: e.change, secondsAgo: secondsAgo(e.t) }));
    const normalization = normalizeDetailed({
      currentReplicas: current,
      desiredReplicas: recommendation,
      minReplicas,
      maxReplicas: hpa.maxReplicas,
      behavior: hpa.behavior,
      recommendations: memory.recommendations.map(
        (r): TimedRecommendation => ({ replicas: r.replicas, secondsAgo: secondsAgo(r.t) }),
      ),
      scaleUpEvents: toEvents(memory.scaleUp),
      scaleDownEvents: toEvents(memory.scaleDown),
      downscaleStabilizationWindowSeconds: this.settings.downscaleStabilizationWindowSeconds,
    });
    memory.recommendations.push({ replicas: recommendation, t: now });

    let reason = 'recommended size matches current size';
    if (recommendation > current) reason = `${CPU_METRIC} above target`;
    else if (recommendation < current) reason = 'All metrics below target';
    if (normalization.replicas !== current) reason = `New size: ${normalization.replicas}; reason: ${reason}`;
    else if (normalization.stabilization !== 'ReadyForNewScale') reason = `${normalization.stabilization}: ${reason}`;
    else if (normalization.limited) reason = `${normalization.condition}: ${reason}`;
    return {
      ...decided(normalization.replicas, reason),
      calculation: {
        utilization: detail.utilization,
        usageRatio: detail.usageRatio,
        adjustedUsageRatio: detail.adjustedUsageRatio ?? null,
        decision: detail.decision,
        recommendation,
        readyPodCount: detail.readyPodCount,
        unreadyPods: detail.unreadyPods,
        missingPods: detail.missingPods,
        ignoredPods: detail.ignoredPods,
      },
      normalization,
    };
  }

  /**
   * The HPA's memory, updated for this poll: seeded with the current count on first sight
   * (`recordInitialRecommendation`); a change of `spec.replicas` since the previous poll is a scale event (the
   * controller records its own rescales; the shadow sees them, one poll late at most); entries older than every
   * window and period are dropped.
   */
  private remember({ key, hpa, deployment, now }: ShadowInput): Memory {
    let memory = this.memory.get(key);
    if (!memory) {
      memory = {
        firstSeen: now,
        recommendations: [{ replicas: deployment.specReplicas, t: now }],
        scaleUp: [],
        scaleDown: [],
        lastSpecReplicas: null,
      };
      this.memory.set(key, memory);
    }
    const previous = memory.lastSpecReplicas;
    if (previous !== null && previous !== deployment.specReplicas && hpa.behavior) {
      const change = deployment.specReplicas - previous;
      (change > 0 ? memory.scaleUp : memory.scaleDown).push({ change: Math.abs(change), t: now });
    }
    memory.lastSpecReplicas = deployment.specReplicas;
    const horizon = now - lookBackSeconds(hpa, this.settings) * 1000 - 1000;
    memory.recommendations = memory.recommendations.filter((r) => r.t >= horizon).slice(-1000);
    memory.scaleUp = memory.scaleUp.filter((e) => e.t >= horizon);
    memory.scaleDown = memory.scaleDown.filter((e) => e.t >= horizon);
    return memory;
  }
}

/** Shadow and cluster side by side: agree, or why not. */
export function compare(
  deployment: KubeDeployment,
  hpa: KubeHpa | null,
  shadow: ShadowDecision | null,
  otherMetrics: string[],
): Comparison {
  if (!hpa) return { verdict: 'no-hpa', clusterDesired: null, shadowDesired: null, notes: [] };
  const clusterDesired = hpa.status.desiredReplicas;
  const notes: string[] = [];
  if (!shadow?.ok) {
    const active = hpa.status.conditions.find((c) => c.type === 'ScalingActive');
    if (shadow?.error) notes.push(`shadow: ${shadow.error}`);
    if (active?.status === 'False')
      notes.push(`cluster HPA: ScalingActive False (${active.reason}): ${active.message}`);
    return { verdict: 'unable', clusterDesired, shadowDesired: null, notes };
  }
  const shadowDesired = shadow.desiredReplicas;
  if (otherMetrics.length > 0) {
    notes.push(`the HPA also scales on ${otherMetrics.join(', ')}; the shadow computes cpu only`);
  }
  if (shadowDesired === clusterDesired) return { verdict: 'agree', clusterDesired, shadowDesired, notes };

  const lag: string[] = [];
  if (
    hpa.generation !== null &&
    hpa.status.observedGeneration !== null &&
    hpa.status.observedGeneration < hpa.generation
  ) {
    lag.push(`the HPA status is of generation ${hpa.status.observedGeneration}, its spec is at ${hpa.generation}`);
  }
  if (hpa.status.currentReplicas !== null && hpa.status.currentReplicas !== deployment.specReplicas) {
    lag.push(
      `the HPA status was written when the Deployment had ${hpa.status.currentReplicas} replicas (now ${deployment.specReplicas})`,
    );
  }
  const utilization = shadow.calculation?.utilization ?? null;
  if (utilization !== null && hpa.status.currentCpuUtilization !== utilization) {
    lag.push(
      hpa.status.currentCpuUtilization === null
        ? `the HPA status has no CPU measurement yet (the metrics now give ${utilization}%)`
        : `the HPA status shows ${hpa.status.currentCpuUtilization}% CPU, the metrics now give ${utilization}%`,
    );
  }
  if (otherMetrics.length > 0) return { verdict: 'partial', clusterDesired, shadowDesired, notes: [...notes, ...lag] };
  if (lag.length > 0) return { verdict: 'lagging', clusterDesired, shadowDesired, notes: [...notes, ...lag] };
  if (shadow.warmingUp) {
    notes.push('the shadow has watched for less than the longest stabilization window or policy period of this HPA');
    return { verdict: 'warming-up', clusterDesired, shadowDesired, notes };
  }
  notes.push('same inputs, different decision');
  return { verdict: 'disagree', clusterDesired, shadowDesired, notes };
}

/** Integer utilization of the ready pods that have samples (as the HPA computes it), or null without any. */
function plainUtilization(pods: WatchedPod[]): number | null {
  let usage = 0;
  let request = 0;
  for (const p of pods) {
    if (p.ready && !p.deleting && p.cpuUsageMilli !== null && p.cpuRequestMilli !== null) {
      usage += p.cpuUsageMilli;
      request += p.cpuRequestMilli;
    }
  }
  return request > 0 ? Math.trunc((usage * 100) / request) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The watcher

interface Snapshot {
  deployments: KubeDeployment[];
  hpas: KubeHpa[];
  pods: KubePod[];
  metrics: KubePodMetrics[];
  metricsError: string | null;
}

export class ClusterWatcher {
  readonly namespace: string;
  readonly intervalSeconds: number;
  readonly settings: ControllerSettings;
  private readonly source: KubeSource;
  private readonly now: () => number;
  private readonly historyLimit: number;
  private readonly onPoll: ((state: WatchState) => void) | undefined;
  private readonly shadowController: ShadowController;
  private readonly startedAt: number;
  private services: WatchedService[] = [];
  private notes: string[] = [];
  private polls = 0;
  private lastPoll: PollOutcome | null = null;
  private samples: ServiceSample[] = [];
  private events: ScalingEvent[] = [];
  private shadowPoints: ShadowPoint[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<WatchState> | undefined;
  private stopped = true;

  constructor(options: WatcherOptions) {
    this.source = options.source;
    this.namespace = options.namespace;
    this.intervalSeconds = options.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
    if (!(this.intervalSeconds > 0)) throw new RangeError('the interval must be a positive number of seconds');
    this.settings = { ...DEFAULT_CONTROLLER_SETTINGS, ...options.controller };
    this.now = options.now ?? Date.now;
    this.historyLimit = options.historyLimit ?? 20_000;
    this.onPoll = options.onPoll;
    this.shadowController = new ShadowController(this.settings);
    this.startedAt = this.now();
  }

  /** Polls now and then every interval until {@link stop}. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      void this.poll().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.intervalSeconds * 1000);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One poll (never two at once): read the namespace, update the services, the shadow and the history. */
  poll(): Promise<WatchState> {
    this.running ??= this.pollOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  state(): WatchState {
    return {
      mode: 'kubernetes',
      server: this.source.server,
      namespace: this.namespace,
      intervalSeconds: this.intervalSeconds,
      controller: this.settings,
      startedAt: this.startedAt,
      polls: this.polls,
      lastPoll: this.lastPoll,
      services: this.services,
      notes: this.notes,
    };
  }

  /** Everything recorded after `since` (epoch ms, exclusive), oldest first. */
  history(since = 0): WatchHistory {
    return {
      samples: this.samples.filter((s) => s.t > since),
      events: this.events.filter((e) => e.t > since),
      shadow: this.shadowPoints.filter((p) => p.t > since),
    };
  }

  private async read(): Promise<Snapshot> {
    const ns = this.namespace;
    const [deployments, hpas, pods, metrics] = await Promise.allSettled([
      this.source.listDeployments(ns),
      this.source.listHorizontalPodAutoscalers(ns),
      this.source.listPods(ns),
      this.source.listPodMetrics(ns),
    ]);
    const failed = [deployments, hpas, pods].find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const value = <T>(r: PromiseSettledResult<T>): T => (r as PromiseFulfilledResult<T>).value;
    return {
      deployments: value(deployments),
      hpas: value(hpas),
      pods: value(pods),
      metrics: metrics.status === 'fulfilled' ? metrics.value : [],
      metricsError: metrics.status === 'rejected' ? (metrics.reason as Error).message : null,
    };
  }

  private async pollOnce(): Promise<WatchState> {
    const t = this.now();
    const began = performance.now();
    let snapshot: Snapshot;
    try {
      snapshot = await this.read();
    } catch (error) {
      this.polls++;
      const message = (error as Error).message ?? String(error);
      this.lastPoll = { t, ok: false, error: message, metricsError: null, durationMs: performance.now() - began };
      this.onPoll?.(this.state());
      return this.state();
    }
    this.update(snapshot, t);
    this.polls++;
    this.lastPoll = {
      t,
      ok: true,
      error: null,
      metricsError: snapshot.metricsError,
      durationMs: performance.now() - began,
    };
    this.onPoll?.(this.state());
    return this.state();
  }

  private update(snapshot: Snapshot, t: number): void {
    const metrics = new Map(snapshot.metrics.map((m) => [m.name, m]));
    const previous = new Map(this.services.map((s) => [s.name, s]));
    const notes: string[] = [];
    const keys = new Set<string>();
    const hpaOf = new Map<string, KubeHpa>();
    for (const hpa of snapshot.hpas) {
      const { kind, name, apiVersion } = hpa.target;
      const deployment = snapshot.deployments.find((d) => d.name === name);
      if (kind !== 'Deployment' || !apiVersion.startsWith('apps/') || !deployment) {
        notes.push(`HPA ${hpa.name} scales ${kind} ${name}, which is not a Deployment of namespace ${this.namespace}`);
        continue;
      }
      if (hpaOf.has(name)) {
        notes.push(`HPAs ${hpaOf.get(name)!.name} and ${hpa.name} both scale Deployment ${name}; showing the first`);
        continue;
      }
      hpaOf.set(name, hpa);
    }

    const services = [...snapshot.deployments]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((deployment): WatchedService => {
        const hpa = hpaOf.get(deployment.name) ?? null;
        const pods = snapshot.pods.filter((p) => selectorMatches(deployment.selector, p.labels));
        let shadow: ShadowDecision | null = null;
        if (hpa) {
          const key = `${this.namespace}/${hpa.name}`;
          keys.add(key);
          shadow = this.shadowController.decide({
            key,
            deployment,
            hpa,
            pods,
            metrics,
            metricsError: snapshot.metricsError,
            now: t,
          });
        }
        const groups = new Map<string, HpaPodGroup>();
        if (shadow?.calculation) {
          const c = shadow.calculation;
          for (const p of pods) groups.set(p.name, 'ready');
          for (const [list, group] of [
            [c.unreadyPods, 'unready'],
            [c.missingPods, 'missing'],
            [c.ignoredPods, 'ignored'],
          ] as const) {
            for (const name of list) groups.set(name, group);
          }
        }
        const watchedPods = pods
          .map(
            (p): WatchedPod => ({
              name: p.name,
              phase: p.phase,
              ready: p.readyCondition?.status === 'True',
              deleting: p.deleting,
              startTime: p.startTime,
              cpuRequestMilli: p.cpuRequestMilli,
              cpuUsageMilli: metrics.get(p.name)?.cpuUsageMilli ?? null,
              metricsTimestamp: metrics.get(p.name)?.timestamp ?? null,
              hpaGroup: groups.get(p.name) ?? null,
            }),
          )
          .sort((a, b) => a.name.localeCompare(b.name));
        const target = hpa ? cpuTarget(hpa) : null;
        const otherMetrics = hpa ? otherMetricsOf(hpa) : [];
        const utilization = shadow?.calculation?.utilization ?? plainUtilization(watchedPods);
        const sample: ServiceSample = {
          t,
          service: deployment.name,
          replicas: deployment.status.replicas,
          ready: deployment.status.readyReplicas,
          desired: hpa ? hpa.status.desiredReplicas : deployment.specReplicas,
          cpuUtilization: utilization,
          targetUtilization: target,
          // The cluster's request rate, latency and errors are not read (they are Prometheus' business).
          rps: 0,
          latency: null,
          errors: 0,
        };
        const watched: WatchedService = {
          name: deployment.name,
          component: deployment.labels['app.kubernetes.io/component'] ?? null,
          version: deployment.labels['app.kubernetes.io/version'] ?? deployment.labels.version ?? null,
          sample,
          deployment: {
            specReplicas: deployment.specReplicas,
            replicas: deployment.status.replicas,
            readyReplicas: deployment.status.readyReplicas,
            updatedReplicas: deployment.status.updatedReplicas,
            availableReplicas: deployment.status.availableReplicas,
            generation: deployment.generation,
            observedGeneration: deployment.status.observedGeneration,
          },
          pods: watchedPods,
          hpa: hpa
            ? {
                name: hpa.name,
                minReplicas: hpa.minReplicas ?? 1,
                maxReplicas: hpa.maxReplicas,
                targetUtilization: target,
                otherMetrics,
                behavior: hpa.behavior,
                status: {
                  currentReplicas: hpa.status.currentReplicas,
                  desiredReplicas: hpa.status.desiredReplicas,
                  currentCpuUtilization: hpa.status.currentCpuUtilization,
                  lastScaleTime: hpa.status.lastScaleTime,
                  observedGeneration: hpa.status.observedGeneration,
                  conditions: hpa.status.conditions,
                },
                generation: hpa.generation,
              }
            : null,
          shadow,
          comparison: compare(deployment, hpa, shadow, otherMetrics),
        };
        this.observeScaling(previous.get(deployment.name), watched, t);
        return watched;
      });

    this.shadowController.retain(keys);
    this.services = services;
    this.notes = notes;
    this.push(
      this.samples,
      services.map((s) => s.sample),
      this.historyLimit,
    );
    this.push(
      this.shadowPoints,
      services
        .filter((s) => s.hpa !== null)
        .map(
          (s): ShadowPoint => ({
            t,
            service: s.name,
            hpa: s.hpa!.name,
            currentReplicas: s.deployment.specReplicas,
            clusterDesired: s.hpa!.status.desiredReplicas,
            shadowDesired: s.comparison.shadowDesired,
            utilization: s.shadow?.calculation?.utilization ?? null,
            clusterUtilization: s.hpa!.status.currentCpuUtilization,
            verdict: s.comparison.verdict,
          }),
        ),
      this.historyLimit,
    );
  }

  /** A change of `spec.replicas` between two polls is a scaling event, the HPA's when its status says so. */
  private observeScaling(before: WatchedService | undefined, now: WatchedService, t: number): void {
    if (!before) return;
    const from = before.deployment.specReplicas;
    const to = now.deployment.specReplicas;
    if (from === to) return;
    const hpa = now.hpa;
    const byHpa = hpa !== null && hpa.status.desiredReplicas === to;
    let why = 'spec.replicas changed (not by the HPA, whose status asks for another count)';
    if (byHpa) {
      if (hpa.maxReplicas < from) why = 'Current number of replicas above Spec.MaxReplicas';
      else if (hpa.minReplicas > from) why = 'Current number of replicas below Spec.MinReplicas';
      else why = to > from ? `${CPU_METRIC} above target` : 'All metrics below target';
    } else if (!hpa) why = 'spec.replicas changed (no HPA)';
    this.push(
      this.events,
      [
        {
          t,
          service: now.name,
          source: byHpa ? 'hpa' : 'manual',
          from,
          to,
          reason: byHpa ? `New size: ${to}; reason: ${why}` : why,
          details: {
            observed: 'cluster',
            hpa: hpa?.name ?? null,
            lastScaleTime: hpa?.status.lastScaleTime ?? null,
            clusterUtilization: hpa?.status.currentCpuUtilization ?? null,
            targetUtilization: hpa?.targetUtilization ?? null,
            conditions: hpa?.status.conditions ?? [],
            shadowBefore: before.shadow?.desiredReplicas ?? null,
            shadowNow: now.shadow?.desiredReplicas ?? null,
          },
        },
      ],
      Math.max(100, Math.floor(this.historyLimit / 10)),
    );
  }

  private push<T>(list: T[], items: T[], limit: number): void {
    list.push(...items);
    if (list.length > limit) list.splice(0, list.length - limit);
  }
}
