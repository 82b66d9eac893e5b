import type { ServiceSpec } from '@carebridge/manifests';
import { Replica, type ReplicaOptions } from './replica.js';

export type ReplicaTemplate = Omit<ReplicaOptions, 'version'>;

/**
 * Keeps a service at its desired number of replicas, like a Deployment's ReplicaSet: adds
 * replicas, and removes the least useful ones first (not ready, then the newest).
 */
export class ReplicaSet {
  readonly replicas: Replica[] = [];
  desired = 0;

  constructor(
    readonly spec: ServiceSpec,
    readonly template: ReplicaTemplate,
    public version = '1',
  ) {}

  get name(): string {
    return this.spec.name;
  }

  ready(): Replica[] {
    return this.replicas.filter((r) => r.ready && r.phase !== 'Terminating' && r.phase !== 'Terminated');
  }

  find(id: string): Replica | undefined {
    return this.replicas.find((r) => r.id === id);
  }

  /** Starts or stops replicas until `count` are running; resolves when the new ones are ready. */
  async scaleTo(count: number, readyTimeoutMs = 60_000): Promise<void> {
    this.desired = count;
    const live = this.replicas.filter((r) => r.phase !== 'Terminating' && r.phase !== 'Terminated');
    if (live.length < count) {
      const added = Array.from({ length: count - live.length }, () => this.add());
      await Promise.all(added.map((r) => r.waitReady(readyTimeoutMs)));
    } else if (live.length > count) {
      const victims = [...live]
        .sort((a, b) => Number(a.ready) - Number(b.ready) || (b.startedAt ?? 0) - (a.startedAt ?? 0))
        .slice(0, live.length - count);
      await Promise.all(victims.map((r) => this.remove(r)));
    }
  }

  add(version = this.version): Replica {
    const replica = new Replica({ ...this.template, env: { ...this.template.env, VERSION: version }, version });
    this.replicas.push(replica);
    replica.start();
    return replica;
  }

  async remove(replica: Replica, quick = false): Promise<void> {
    await replica.terminate(quick);
    const index = this.replicas.indexOf(replica);
    if (index >= 0) this.replicas.splice(index, 1);
  }

  async stop(): Promise<void> {
    this.desired = 0;
    await Promise.all([...this.replicas].map((r) => this.remove(r, true)));
  }
}
