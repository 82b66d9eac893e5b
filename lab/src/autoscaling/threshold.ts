/**
 * The rule of the load-balancer project Carebridge grew from, kept for comparison with the HPA:
 * add one replica after CPU stays above `threshold` for `upHoldMs`, remove one after it stays below
 * half the threshold for `downHoldMs`, within min and max.
 */
export interface ThresholdRule {
  threshold: number;
  upHoldMs: number;
  downHoldMs: number;
  minReplicas: number;
  maxReplicas: number;
}

/** The seed project's timings: out after 30 s above 70 %, in after 15 s below 35 %. */
export const DEFAULT_THRESHOLD_RULE = { threshold: 70, upHoldMs: 30_000, downHoldMs: 15_000 };

/** The seed project's whole rule, bounds included (1 to 3 replicas), as `compare policy` runs it. */
export const SEED_THRESHOLD_RULE: ThresholdRule = { ...DEFAULT_THRESHOLD_RULE, minReplicas: 1, maxReplicas: 3 };

export class ThresholdPolicy {
  private aboveSince: number | undefined;
  private belowSince: number | undefined;

  constructor(readonly rule: ThresholdRule) {}

  /** The replica count to have now, given the average utilization (percent of request). */
  decide(now: number, utilization: number | null, current: number): { replicas: number; reason: string } {
    if (utilization === null) return { replicas: current, reason: 'no CPU measurement yet' };
    const { threshold, upHoldMs, downHoldMs, minReplicas, maxReplicas } = this.rule;
    this.aboveSince = utilization > threshold ? (this.aboveSince ?? now) : undefined;
    this.belowSince = utilization < threshold / 2 ? (this.belowSince ?? now) : undefined;
    if (this.aboveSince !== undefined && now - this.aboveSince >= upHoldMs && current < maxReplicas) {
      this.aboveSince = now;
      return { replicas: current + 1, reason: `CPU above ${threshold}% for ${upHoldMs / 1000}s` };
    }
    if (this.belowSince !== undefined && now - this.belowSince >= downHoldMs && current > minReplicas) {
      this.belowSince = now;
      return { replicas: current - 1, reason: `CPU below ${threshold / 2}% for ${downHoldMs / 1000}s` };
    }
    return { replicas: Math.min(Math.max(current, minReplicas), maxReplicas), reason: 'holding' };
  }
}
