import { type LocalCluster, watchObjects } from '@carebridge/manifests';

type Raw = Record<string, unknown> & {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
  };
};

/**
 * The latest state of one kind of object in one namespace, kept by a `kubectl get --watch` stream: what both the
 * lab's controller and the sampler read, so that both sides are observed through the same channel.
 */
export class ObjectCache {
  private readonly objects = new Map<string, Raw>();
  private stop: (() => void) | undefined;
  /** Called after every change, with the object. */
  onChange: ((type: string, object: Raw) => void) | undefined;

  constructor(
    private readonly cluster: LocalCluster,
    private readonly kind: string,
    private readonly namespace: string,
  ) {}

  start(): void {
    this.stop = watchObjects(this.cluster, [this.kind, '-n', this.namespace], ({ type, object }) => {
      const raw = object as Raw;
      const name = raw.metadata?.name ?? '';
      if (type === 'DELETED') this.objects.delete(name);
      else this.objects.set(name, raw);
      this.onChange?.(type, raw);
    });
  }

  close(): void {
    this.stop?.();
  }

  get(name: string): Raw | undefined {
    return this.objects.get(name);
  }

  list(): Raw[] {
    return [...this.objects.values()];
  }
}
