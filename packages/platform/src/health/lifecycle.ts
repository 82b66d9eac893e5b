/** Throws when not ready; may return a detail worth reporting while ready (a degraded dependency). */
// biome-ignore lint/suspicious/noConfusingVoidType: checks that only throw are `async () => { await … }`
export type ReadinessCheck = () => Promise<void | string>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckAnswer>;
}

/** How long a probe waits for a running check before it answers from the last result. */
export const ANSWER_BUDGET_MS = 500;
/** A check that has not finished after this long counts as failed. */
export const CHECK_TIMEOUT_MS = 5_000;
/** The last result is trusted this long while a newer check is still running. */
export const STALE_LIMIT_MS = 15_000;

interface CheckAnswer {
  ok: boolean;
  error?: string;
  stale?: boolean;
  detail?: string;
}

interface Outcome {
  ok: boolean;
  error?: string;
  detail?: string;
  at: number;
}

/**
 * What a probe is told about one check: the fresh result if it came within the answer budget,
 * else the last result while it is recent. One slow query then never fails a probe (the kubelet
 * gives up after the probe's own timeout, 2 s in the manifests) on every replica at once, and a
 * database that stops answering still turns the replicas unready within STALE_LIMIT_MS.
 */
export function probeAnswer(
  fresh: Outcome | undefined,
  last: Outcome | undefined,
  startedAt: number,
  now: number,
): CheckAnswer {
  if (fresh) return fresh.ok ? withDetail({ ok: true }, fresh) : { ok: false, error: fresh.error ?? 'failed' };
  if (last && now - last.at <= STALE_LIMIT_MS) {
    return last.ok
      ? withDetail({ ok: true, stale: true }, last)
      : { ok: false, error: last.error ?? 'failed', stale: true };
  }
  return { ok: false, error: `no answer after ${now - startedAt} ms` };
}

const withDetail = (answer: CheckAnswer, outcome: Outcome): CheckAnswer =>
  outcome.detail ? { ...answer, detail: outcome.detail } : answer;

/**
 * The process's view of itself for probes: live while it serves; ready while it is not shutting
 * down and every registered dependency check passes. Each check runs at most once at a time.
 */
export class Lifecycle {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly last = new Map<string, Outcome>();
  private readonly running = new Map<string, { startedAt: number; done: Promise<Outcome> }>();
  private draining = false;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly budgetMs = ANSWER_BUDGET_MS,
  ) {}

  addReadinessCheck(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  get shuttingDown(): boolean {
    return this.draining;
  }

  beginShutdown(): void {
    this.draining = true;
  }

  async readiness(): Promise<ReadinessReport> {
    const checks: ReadinessReport['checks'] = {};
    if (this.draining) checks.shutdown = { ok: false, error: 'shutting down' };
    await Promise.all(
      [...this.checks.keys()].map(async (name) => {
        const run = this.start(name);
        const fresh = await Promise.race([run.done, sleep(this.budgetMs).then(() => undefined)]);
        checks[name] = probeAnswer(fresh, this.last.get(name), run.startedAt, this.now());
      }),
    );
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  }

  private start(name: string) {
    const inFlight = this.running.get(name);
    if (inFlight) return inFlight;
    const check = this.checks.get(name) as ReadinessCheck;
    const startedAt = this.now();
    const done = withTimeout(check(), CHECK_TIMEOUT_MS).then(
      (detail): Outcome => (detail ? { ok: true, detail, at: this.now() } : { ok: true, at: this.now() }),
      (error: unknown): Outcome => ({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
        at: this.now(),
      }),
    );
    const run = {
      startedAt,
      done: done.then((outcome) => {
        this.last.set(name, outcome);
        this.running.delete(name);
        return outcome;
      }),
    };
    this.running.set(name, run);
    return run;
  }
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
