import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadApplied, type ServiceSpec, serviceModel } from '@carebridge/manifests';
import { metricsHandler } from './api/metrics.js';
import { stateApi } from './api/state-api.js';
import { HpaController, type ScaleTarget, ThresholdController } from './autoscaling/controller.js';
import { DEFAULT_THRESHOLD_RULE } from './autoscaling/threshold.js';
import { dashboardHandler } from './dashboard/handler.js';
import { Backend, type TrafficStats } from './gateway/backend.js';
import { Gateway } from './gateway/gateway.js';
import { ServiceAddress } from './gateway/service-address.js';
import { StaticFiles } from './gateway/static-files.js';
import { outboxCodes } from './load/auth-outbox.js';
import { LoadController } from './load/controller.js';
import { carebridgeMix } from './load/mix.js';
import { type RolloutProgress, rollingUpdate } from './rollout/rolling-update.js';
import { LOCAL_LAUNCH, type LocalLaunch, REPO_ROOT } from './services.js';
import { type CgroupSupport, cgroupSupport } from './supervisor/cgroups.js';
import { formatLogLine } from './supervisor/log-lines.js';
import type { ReplicaView } from './supervisor/replica.js';
import { ReplicaSet } from './supervisor/replica-set.js';
import { StartSlots } from './supervisor/start-slots.js';
import { Recorder } from './telemetry/recorder.js';

export interface ClusterOptions {
  /** Where `k8s/`, `istio/` and `metallb/` are read from (tests use a copy with short timings). */
  manifestsRoot?: string;
  port: number;
  /** Where the gateway listens (default 127.0.0.1; `0.0.0.0` opens it to every interface). */
  host?: string;
  /** What every write to the lab's control API must carry (default: random for each start). */
  controlToken?: string;
  dataDir: string;
  /** Extra environment for every replica, e.g. LOG_LEVEL. */
  env?: Record<string, string>;
  log?: (line: string) => void;
  webRoot?: string;
  /** CrashLoopBackOff timing (Kubernetes: 10 s doubling to 5 min). */
  backoff?: { baseMs: number; capMs: number };
  launch?: Record<string, LocalLaunch>;
  /** Run only these services (default: every service the manifests and the launch table know). */
  only?: string[];
  /** Replicas per service at start (default: the HPA's minReplicas). */
  replicas?: number;
  readyTimeoutMs?: number;
  /** How each service is scaled: the Kubernetes HPA algorithm (default), the threshold rule, or not at all. */
  autoscaling?: AutoscalingMode;
  /** HPA sync period (Kubernetes: 15 s). */
  syncPeriodMs?: number;
  /** CPU measurement window (metrics-server: about 15 s). */
  cpuWindowMs?: number;
  /** Replicas starting at once on this machine (default 2; 0 = no limit). */
  startSlots?: number;
  /** The threshold rule's hold times, for the comparison policy. */
  threshold?: { threshold: number; upHoldMs: number; downHoldMs: number };
  /** Hold each replica to its container's CPU and memory limits with a cgroup (default true, where writable). */
  cgroups?: boolean;
}

/** Whether replicas are held to their containers' limits, and if not, why not: shown, never silent. */
export interface Isolation {
  limited: boolean;
  note: string;
}

export type AutoscalingMode = 'hpa' | 'threshold' | 'off';

export interface RunningService {
  spec: ServiceSpec;
  replicas: ReplicaSet;
  backend: Backend;
  address: ServiceAddress;
  autoscaling: AutoscalingMode;
  controller: HpaController | ThresholdController | undefined;
  rollout: RolloutProgress | undefined;
}

export interface ClusterState {
  gateway: { port: number };
  isolation: Isolation;
  /** Shown at the top of the dashboard: today, that replicas run without their limits. */
  notes: string[];
  services: Array<{
    name: string;
    address: string;
    policy: string;
    desired: number;
    ready: number;
    autoscaler: ServiceSpec['autoscaler'];
    autoscaling: AutoscalingMode;
    rollout: RolloutProgress | undefined;
    cpuUtilization: number | null;
    routes: string[];
    unsupported: string[];
    replicas: Array<ReplicaView & TrafficStats>;
  }>;
}

/** The cluster in miniature: the manifests' services as real processes behind a gateway. */
export class Cluster {
  readonly services = new Map<string, RunningService>();
  private gateway: Gateway | undefined;
  private timers: NodeJS.Timeout[] = [];
  readonly recorder: Recorder;
  /** Load the dashboard's buttons and `POST /lab/api/load` apply. */
  load: LoadController | undefined;
  port = 0;
  /** The bearer token of the control API's writes (`/lab/api/*` other than GET). */
  readonly controlToken: string;
  isolation: Isolation = { limited: false, note: 'not started' };

  private constructor(readonly options: ClusterOptions) {
    this.recorder = new Recorder(options.cpuWindowMs);
    this.controlToken = options.controlToken || randomBytes(18).toString('base64url');
  }

  /** The gateway's listening address (host and port). */
  get gatewayAddress() {
    return this.gateway?.address();
  }

  log(line: string): void {
    (this.options.log ?? ((l: string) => process.stdout.write(`${l}\n`)))(line);
  }

  static async start(options: ClusterOptions): Promise<Cluster> {
    const cluster = new Cluster(options);
    try {
      await cluster.boot();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  private async boot(): Promise<void> {
    const { options } = this;
    const launch = options.launch ?? LOCAL_LAUNCH;
    const specs = serviceModel(loadApplied(options.manifestsRoot ?? REPO_ROOT)).filter((s) => {
      const entry = launch[s.name]?.entry;
      if (!entry || (options.only && !options.only.includes(s.name))) return false;
      if (existsSync(join(REPO_ROOT, entry))) return true;
      this.log(`! ${s.name}: ${entry} is not built; skipped (npm run build)`);
      return false;
    });
    const shared = { INTERNAL_API_TOKEN: randomBytes(24).toString('base64url'), LAB_FAULTS: 'true', ...options.env };
    const envs = new Map<string, Record<string, string>>();
    const cgroups: CgroupSupport =
      options.cgroups === false ? { available: false, reason: 'turned off for this run' } : cgroupSupport();
    this.isolation = cgroups.available
      ? {
          limited: true,
          note: `each replica in its own ${cgroups.describe} with its container's CPU and memory limits`,
        }
      : {
          limited: false,
          note: `replicas are NOT held to their limits and share the machine's cores (${cgroups.reason})`,
        };
    this.log(
      `${cgroups.available ? '✓' : '! WARNING:'} isolation: ${this.isolation.note}${cgroups.available ? ` (under ${cgroups.where})` : ''}`,
    );
    const slots = (options.startSlots ?? 2) > 0 ? new StartSlots(options.startSlots ?? 2) : undefined;
    for (const spec of specs) {
      const dataDir = join(options.dataDir, spec.name);
      mkdirSync(dataDir, { recursive: true });
      const env: Record<string, string> = {};
      envs.set(spec.name, env);
      const replicas = new ReplicaSet(spec, {
        service: spec.name,
        spec,
        entry: join(REPO_ROOT, (launch[spec.name] as LocalLaunch).entry),
        cwd: REPO_ROOT,
        env,
        backoff: options.backoff,
        startSlots: slots,
        cgroup: cgroups.available ? (id: string) => cgroups.create(id, spec.limits) : undefined,
        onLine: (replica, line) => this.log(formatLogLine(replica.id, line)),
        onEvent: (replica, event) => this.log(`• ${replica.id}: ${event}`),
      });
      const backend = new Backend(replicas, spec.balancing, spec.outlier);
      const address = new ServiceAddress(backend);
      await address.listen();
      this.services.set(spec.name, {
        spec,
        replicas,
        backend,
        address,
        autoscaling: 'off',
        controller: undefined,
        rollout: undefined,
      });
      for (const note of spec.unsupported) this.log(`! ${spec.name}: ${note}`);
    }
    const addressOf = (name: string) => this.services.get(name)?.address.url;
    for (const spec of specs) {
      Object.assign(envs.get(spec.name) as Record<string, string>, shared, {
        DATA_DIR: join(options.dataDir, spec.name),
        ...(launch[spec.name] as LocalLaunch).env({ addressOf }),
      });
    }
    this.gateway = new Gateway(
      specs.flatMap((spec) =>
        spec.routes.map((route) => ({
          prefix: route.prefix,
          backend: (this.services.get(spec.name) as RunningService).backend,
          options: { timeoutMs: route.timeoutMs, retries: route.retries },
        })),
      ),
      new StaticFiles(options.webRoot ?? join(REPO_ROOT, 'web', 'dist')),
      [stateApi(this), metricsHandler(this), dashboardHandler()],
    );
    this.port = await this.gateway.listen(options.port, options.host);
    this.load = new LoadController({
      target: `http://127.0.0.1:${this.port}`,
      mix: carebridgeMix({ mailedCode: outboxCodes(options.dataDir) }),
      onResult: (result, level) =>
        this.log(
          `▸ load of ${level} users ended: ${Math.round(result.total.throughput)} req/s, p99 ${result.total.latency.p99} ms, ${result.total.errors} errors`,
        ),
    });
    await Promise.all(
      specs.map(async (spec) => {
        const count = options.replicas ?? spec.autoscaler?.minReplicas ?? 1;
        const started = Date.now();
        this.log(`… starting ${count} replica(s) of ${spec.name}`);
        await (this.services.get(spec.name) as RunningService).replicas.scaleTo(
          count,
          options.readyTimeoutMs ?? 90_000,
        );
        this.log(`✓ ${spec.name}: ${count} ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
      }),
    );
    for (const service of this.services.values()) this.setAutoscaling(service, options.autoscaling ?? 'hpa');
    this.timers.push(
      setInterval(
        () =>
          this.recorder.tick(
            Date.now(),
            [...this.services.values()].map((s) => ({ ...s, desired: s.controller?.desired })),
          ),
        1_000,
      ),
    );
    this.timers.push(setInterval(() => this.syncAutoscalers(), options.syncPeriodMs ?? 15_000));
    for (const timer of this.timers) timer.unref();
  }

  /** Switches a service between the HPA algorithm, the threshold rule and fixed replicas. */
  setAutoscaling(service: RunningService, mode: AutoscalingMode): void {
    service.autoscaling = service.spec.autoscaler ? mode : 'off';
    const autoscaler = service.spec.autoscaler;
    if (!autoscaler || mode === 'off') {
      service.controller = undefined;
      return;
    }
    const target: ScaleTarget = {
      name: service.spec.name,
      autoscaler,
      currentReplicas: () => service.replicas.desired,
      pods: (now) => this.recorder.pods(service.replicas, now),
      scaleTo: (n) => {
        service.replicas
          .scaleTo(n)
          .catch((error: Error) => this.log(`! ${service.spec.name}: scaling to ${n} failed: ${error.message}`));
      },
    };
    const options = {
      onEvent: (event: Parameters<Recorder['event']>[0]) => {
        this.recorder.event(event);
        this.log(`⇅ ${event.service}: ${event.from} → ${event.to} (${event.source}: ${event.reason})`);
      },
      settings: { cpuInitializationPeriodSeconds: this.recorder.cpuInitializationSeconds },
    };
    service.controller =
      mode === 'threshold'
        ? new ThresholdController(target, this.options.threshold ?? DEFAULT_THRESHOLD_RULE, options)
        : new HpaController(target, options);
  }

  /** One sync of every autoscaler; a service in the middle of a rollout is left alone, as kubectl rollout pause would. */
  syncAutoscalers(): void {
    for (const service of this.services.values()) {
      if (service.rollout?.phase === 'progressing') continue;
      service.controller?.sync();
    }
  }

  /** Rolls a service to a new version label (the same code), as a Deployment does. */
  async rollout(service: RunningService, version: string, broken = false): Promise<RolloutProgress> {
    if (service.rollout?.phase === 'progressing') throw new Error(`${service.spec.name} is already rolling out`);
    const env = service.replicas.template.env;
    if (broken) env.LAB_FAULT_ON_START = 'unready';
    this.log(`↻ ${service.spec.name}: rolling out version ${version}${broken ? ' (broken: never ready)' : ''}`);
    try {
      const result = await rollingUpdate(service.replicas, version, (p) => {
        service.rollout = p;
      });
      this.log(
        `↻ ${service.spec.name}: rollout to ${version} ${result.phase}${result.message ? `: ${result.message}` : ''}`,
      );
      this.recorder.event({
        t: Date.now(),
        service: service.spec.name,
        source: 'rollout',
        from: result.desired,
        to: result.desired,
        reason: `rollout ${result.from} → ${result.to}: ${result.phase}`,
        details: { ...result },
      });
      return result;
    } finally {
      delete env.LAB_FAULT_ON_START;
    }
  }

  state(): ClusterState {
    return {
      gateway: { port: this.port },
      isolation: this.isolation,
      notes: this.isolation.limited ? [] : [`Warning: ${this.isolation.note}.`],
      services: [...this.services.values()].map(({ spec, replicas, backend, address }) => ({
        name: spec.name,
        address: address.url,
        policy: backend.policy,
        desired: this.services.get(spec.name)?.controller?.desired ?? replicas.desired,
        ready: replicas.ready().length,
        autoscaler: spec.autoscaler,
        autoscaling: this.services.get(spec.name)?.autoscaling ?? 'off',
        rollout: this.services.get(spec.name)?.rollout,
        cpuUtilization: this.recorder.last.get(spec.name)?.cpuUtilization ?? null,
        routes: spec.routes.map((r) => r.prefix),
        unsupported: spec.unsupported,
        replicas: replicas.replicas.map((r) => ({ ...r.view(), ...backend.stats(r.id) })),
      })),
    };
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.load?.stop();
    await this.gateway?.close();
    await Promise.all([...this.services.values()].map((s) => s.replicas.stop()));
    await Promise.all([...this.services.values()].map((s) => s.address.close()));
  }
}
