import type { ProbeSpec } from '@carebridge/manifests';

/**
 * The kubelet's view of one probe: the result changes only after `failureThreshold` failures or
 * `successThreshold` successes in a row.
 */
export class ProbeTracker {
  private failures = 0;
  private successes = 0;
  passing: boolean;

  constructor(
    readonly spec: ProbeSpec,
    initiallyPassing: boolean,
  ) {
    this.passing = initiallyPassing;
  }

  /** Records one probe result; returns true when the probe's verdict changed. */
  record(ok: boolean): boolean {
    if (ok) {
      this.failures = 0;
      this.successes += 1;
      if (!this.passing && this.successes >= this.spec.successThreshold) {
        this.passing = true;
        return true;
      }
    } else {
      this.successes = 0;
      this.failures += 1;
      if (this.passing && this.failures >= this.spec.failureThreshold) {
        this.passing = false;
        return true;
      }
    }
    return false;
  }
}

/**
 * CrashLoopBackOff: a container that keeps dying waits 10 s, 20 s, 40 s … up to 5 minutes before
 * the next start; ten minutes of running resets it. The base can be shortened for demonstrations.
 */
export class RestartBackoff {
  private delay = 0;

  constructor(
    private readonly baseMs = 10_000,
    private readonly capMs = 300_000,
    private readonly resetAfterMs = 600_000,
  ) {}

  /** Delay before the next start, given how long the last run lasted. */
  next(lastRunMs: number): number {
    if (lastRunMs >= this.resetAfterMs) this.delay = 0;
    this.delay = this.delay === 0 ? this.baseMs : Math.min(this.delay * 2, this.capMs);
    return this.delay;
  }
}
