/**
 * Finds fields a validator does not know. Published Kubernetes and Istio schemas let unknown
 * fields through, so a typo such as `livenessprobe` would pass. A validator reads, at every level
 * it understands, the properties it knows; by giving it a proxy that records those reads, any key
 * present at a level where the validator read its siblings but never that key is unknown. Levels
 * the validator does not look into at all (free-form maps) are left alone.
 */
export function unknownFields(value: unknown, validate: (tracked: unknown) => void): string[] {
  const reads = new Map<object, Set<PropertyKey>>();
  const enumerated = new Set<object>();
  const proxies = new WeakMap<object, object>();

  const track = (target: unknown): unknown => {
    if (typeof target !== 'object' || target === null) return target;
    const existing = proxies.get(target);
    if (existing) return existing;
    const proxy = new Proxy(target, {
      get(obj, key, receiver) {
        if (!Array.isArray(obj) && typeof key === 'string') readsOf(obj).add(key);
        return track(Reflect.get(obj, key, receiver));
      },
      has(obj, key) {
        if (!Array.isArray(obj)) readsOf(obj).add(key);
        return Reflect.has(obj, key);
      },
      ownKeys(obj) {
        enumerated.add(obj);
        return Reflect.ownKeys(obj);
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  const readsOf = (obj: object) => {
    const existing = reads.get(obj);
    if (existing) return existing;
    const created = new Set<PropertyKey>();
    reads.set(obj, created);
    return created;
  };

  validate(track(value));

  const found: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
      return;
    }
    const seen = reads.get(node);
    const understood = seen !== undefined && seen.size > 0 && !enumerated.has(node);
    for (const [key, child] of Object.entries(node)) {
      const childPath = path ? `${path}.${key}` : key;
      if (understood && !seen.has(key)) found.push(childPath);
      else walk(child, childPath);
    }
  };
  walk(value, '');
  return found;
}
