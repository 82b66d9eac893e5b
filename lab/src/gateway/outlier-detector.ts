import type { OutlierSpec } from '@carebridge/manifests';

interface HostState {
  consecutive5xx: number;
  consecutiveGateway: number;
  ejectedUntil: number | undefined;
  ejections: number;
}

export type Outcome = 'success' | '5xx' | 'gateway-error';

/**
 * Passive outlier detection as Envoy does it: a replica answering `consecutive5xxErrors` 5xx in a
 * row (or `consecutiveGatewayErrors` 502/503/504 or connection failures) is ejected for
 * baseEjectionTime × the number of times it has been ejected, as long as no more than
 * maxEjectionPercent of the replicas would be out (one may always go).
 */
export class OutlierDetector {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly spec: OutlierSpec,
    private readonly now: () => number = Date.now,
  ) {}

  record(id: string, outcome: Outcome, poolSize: number): void {
    const host = this.state(id);
    if (outcome === 'success') {
      host.consecutive5xx = 0;
      host.consecutiveGateway = 0;
      return;
    }
    host.consecutive5xx += 1;
    if (outcome === 'gateway-error') host.consecutiveGateway += 1;
    const tripped =
      (this.spec.consecutive5xxErrors > 0 && host.consecutive5xx >= this.spec.consecutive5xxErrors) ||
      (this.spec.consecutiveGatewayErrors > 0 && host.consecutiveGateway >= this.spec.consecutiveGatewayErrors);
    if (tripped && !this.isEjected(id) && this.mayEject(poolSize)) {
      host.ejections += 1;
      host.ejectedUntil = this.now() + this.spec.baseEjectionMs * host.ejections;
      host.consecutive5xx = 0;
      host.consecutiveGateway = 0;
    }
  }

  isEjected(id: string): boolean {
    const until = this.hosts.get(id)?.ejectedUntil;
    return until !== undefined && until > this.now();
  }

  ejections(id: string): number {
    return this.hosts.get(id)?.ejections ?? 0;
  }

  forget(id: string): void {
    this.hosts.delete(id);
  }

  private mayEject(poolSize: number): boolean {
    const ejected = [...this.hosts.keys()].filter((id) => this.isEjected(id)).length;
    const allowed = Math.max(1, Math.floor((poolSize * this.spec.maxEjectionPercent) / 100));
    return ejected < allowed;
  }

  private state(id: string): HostState {
    let host = this.hosts.get(id);
    if (!host) {
      host = { consecutive5xx: 0, consecutiveGateway: 0, ejectedUntil: undefined, ejections: 0 };
      this.hosts.set(id, host);
    }
    return host;
  }
}
