import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadApplied, type ServiceSpec, serviceModel } from '@carebridge/manifests';
import { stateApi } from './api/state-api.js';
import { Backend, type TrafficStats } from './gateway/backend.js';
import { Gateway } from './gateway/gateway.js';
import { ServiceAddress } from './gateway/service-address.js';
import { StaticFiles } from './gateway/static-files.js';
import { LOCAL_LAUNCH, type LocalLaunch, REPO_ROOT } from './services.js';
import { formatLogLine } from './supervisor/log-lines.js';
import type { ReplicaView } from './supervisor/replica.js';
import { ReplicaSet } from './supervisor/replica-set.js';

export interface ClusterOptions {
  /** Where `k8s/`, `istio/` and `metallb/` are read from (tests use a copy with short timings). */
  manifestsRoot?: string;
  port: number;
  host?: string;
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
}

export interface RunningService {
  spec: ServiceSpec;
  replicas: ReplicaSet;
  backend: Backend;
  address: ServiceAddress;
}

export interface ClusterState {
  gateway: { port: number };
  services: Array<{
    name: string;
    address: string;
    policy: string;
    desired: number;
    ready: number;
    autoscaler: ServiceSpec['autoscaler'];
    routes: string[];
    unsupported: string[];
    replicas: Array<ReplicaView & TrafficStats>;
  }>;
}

/** The cluster in miniature: the manifests' services as real processes behind a gateway. */
export class Cluster {
  readonly services = new Map<string, RunningService>();
  private gateway: Gateway | undefined;
  port = 0;

  private constructor(readonly options: ClusterOptions) {}

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
        ...(options.backoff ? { backoff: options.backoff } : {}),
        onLine: (replica, line) => this.log(formatLogLine(replica.id, line)),
        onEvent: (replica, event) => this.log(`• ${replica.id}: ${event}`),
      });
      const backend = new Backend(replicas, spec.balancing, spec.outlier);
      const address = new ServiceAddress(backend);
      await address.listen();
      this.services.set(spec.name, { spec, replicas, backend, address });
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
      [stateApi(this)],
    );
    this.port = await this.gateway.listen(options.port, options.host);
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
  }

  state(): ClusterState {
    return {
      gateway: { port: this.port },
      services: [...this.services.values()].map(({ spec, replicas, backend, address }) => ({
        name: spec.name,
        address: address.url,
        policy: backend.policy,
        desired: replicas.desired,
        ready: replicas.ready().length,
        autoscaler: spec.autoscaler,
        routes: spec.routes.map((r) => r.prefix),
        unsupported: spec.unsupported,
        replicas: replicas.replicas.map((r) => ({ ...r.view(), ...backend.stats(r.id) })),
      })),
    };
  }

  async stop(): Promise<void> {
    await this.gateway?.close();
    await Promise.all([...this.services.values()].map((s) => s.replicas.stop()));
    await Promise.all([...this.services.values()].map((s) => s.address.close()));
  }
}
