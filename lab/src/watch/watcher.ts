/**
 * Watches one namespace of a real cluster: every `interval` (15 s by default, the HPA controller's sync period) it
 * lists Deployments, HorizontalPodAutoscalers, Pods and pod metrics through a {@link KubeSource}, turns them into the
 * lab's {@link ServiceSample}s, and asks the {@link ShadowController} what the lab's HPA reconcile decides from the
 * same pods, requests and usage, next to the cluster HPA's own `status.desiredReplicas`. History (samples, observed
 * scaling events, shadow decisions) is kept bounded.
 */
import type { ScalingEvent, ServiceSample } from '../telemetry/types.js';
import {
  type KubeDeployment,
  type KubeHpa,
  type KubePod,
  type KubePodMetrics,
  type KubeSource,
  selectorMatches,
} from './kube-adapter.js';
import { hpaTargets, scalingEvent, shadowPoint } from './observations.js';
import { watchedService } from './service-view.js';
import { ShadowController } from './shadow.js';
import {
  type ControllerSettings,
  DEFAULT_CONTROLLER_SETTINGS,
  DEFAULT_INTERVAL_SECONDS,
  type PollOutcome,
  type ShadowPoint,
  type WatchedService,
  type WatchHistory,
  type WatchState,
} from './types.js';

export { compare } from './compare.js';
export { isUnreadyForCpu, toPodSample } from './pod-readiness.js';
export { ShadowController, type ShadowInput } from './shadow.js';
export * from './types.js';

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
    const targets = hpaTargets(snapshot.hpas, snapshot.deployments, this.namespace);
    const services = [...snapshot.deployments]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((deployment) => {
        const hpa = targets.byDeployment.get(deployment.name) ?? null;
        const pods = snapshot.pods.filter((p) => selectorMatches(deployment.selector, p.labels));
        const shadow = hpa
          ? this.shadowController.decide({
              key: `${this.namespace}/${hpa.name}`,
              deployment,
              hpa,
              pods,
              metrics,
              metricsError: snapshot.metricsError,
              now: t,
            })
          : null;
        return watchedService(deployment, hpa, pods, metrics, shadow, t);
      });

    this.shadowController.retain(
      new Set([...targets.byDeployment.values()].map((hpa) => `${this.namespace}/${hpa.name}`)),
    );
    this.services = services;
    this.notes = targets.notes;
    const events = services.flatMap((s) => scalingEvent(previous.get(s.name), s, t) ?? []);
    this.push(this.events, events, Math.max(100, Math.floor(this.historyLimit / 10)));
    this.push(
      this.samples,
      services.map((s) => s.sample),
      this.historyLimit,
    );
    this.push(
      this.shadowPoints,
      services.flatMap((s) => shadowPoint(s, t) ?? []),
      this.historyLimit,
    );
  }

  private push<T>(list: T[], items: T[], limit: number): void {
    list.push(...items);
    if (list.length > limit) list.splice(0, list.length - limit);
  }
}
