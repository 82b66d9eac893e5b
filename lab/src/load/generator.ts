import type { EndpointResult, LoadResult } from '../telemetry/types.js';
import { Histogram } from './histogram.js';
import { carebridgeMix, type LoadMix, type MixEntry } from './mix.js';
import { seededRandom } from './seeded-random.js';
import { httpTransport, type LoadRequest, loopbackUrl, type Transport } from './transport.js';

/** A run never lasts longer than this, whatever it is asked. */
export const MAX_DURATION_MS = 6 * 60 * 60 * 1000;
/** Nor sends more requests than this. */
export const MAX_REQUESTS = 10_000_000;

export interface LoadOptions {
  /** Base URL of the gateway, e.g. `http://127.0.0.1:8080`; loopback addresses only. */
  target: string;
  /**
   * `open`: requests leave on a fixed schedule (the arrival rate) whether or not earlier ones have
   * answered; latency is measured from each request's scheduled time, so a stalled target or a
   * stalled generator shows up in the figures (no coordinated omission).
   * `closed`: `users` virtual users each send a request, wait for the answer, think, and repeat.
   */
  mode: 'open' | 'closed';
  /** Open loop: arrival rate in requests per second (default: users × perUserRate). */
  rate?: number;
  /** Open loop: virtual users, each sending `perUserRate` requests per second. Closed loop: concurrent users. */
  users?: number;
  /** Open loop: requests per second per virtual user (default 1, as the original JMeter plan). */
  perUserRate?: number;
  /** Closed loop: pause between an answer and the user's next request (ms, default 0). */
  thinkTimeMs?: number;
  /** How long requests are sent (ms); at most MAX_DURATION_MS. In-flight requests are then awaited. */
  durationMs: number;
  /** Stop after sending this many requests (default and at most MAX_REQUESTS). */
  maxRequests?: number;
  /** What to send (default: {@link carebridgeMix}). Its setup runs before the clock starts. */
  mix?: LoadMix;
  /** Per-request deadline (default 10 s); a request that takes longer counts as an error. */
  timeoutMs?: number;
  /**
   * Open loop: requests allowed in flight at once (default 2,000). A request due while this many are
   * outstanding is not sent and counts as an error (`dropped`), so a hung target cannot make the
   * generator grow without bound.
   */
  maxInFlight?: number;
  /** Called every `progressIntervalMs` (default 1 s) while requests are sent, and once at the end. */
  onProgress?: (progress: LoadProgress) => void;
  progressIntervalMs?: number;
  /** Seed of the request-mix choices (default: random). */
  seed?: number;
  /** Replaces HTTP (tests). The target is still checked to be a loopback address. */
  transport?: Transport;
}

export interface LoadProgress {
  elapsedMs: number;
  /** Requests sent so far. */
  sent: number;
  /** Answers (and failures) so far. */
  completed: number;
  inFlight: number;
  /** Completions per second over the last interval. */
  rps: number;
  /** p99 latency (ms) over the last interval; null when nothing completed in it. */
  p99: number | null;
  /** Errors so far (5xx and other unexpected statuses, network failures, timeouts, dropped). */
  errors: number;
  dropped: number;
  done: boolean;
  /** The same, as one line for a terminal. */
  line: string;
}

export interface LoadHandle {
  /** Resolves with the results when the run ends (duration, count, or stop()). Rejects if setup fails. */
  readonly done: Promise<LoadResult>;
  /** Stops sending, waits for the requests in flight (each bounded by its timeout), resolves with the results. */
  stop(): Promise<LoadResult>;
  /** The latest figures. */
  progress(): LoadProgress;
}

interface EndpointStats {
  name: string;
  requests: number;
  errors: number;
  histogram: Histogram;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number, got ${value}`);
  return v;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

function endpointResult(stats: EndpointStats, seconds: number): EndpointResult {
  return {
    name: stats.name,
    requests: stats.requests,
    errors: stats.errors,
    throughput: seconds > 0 ? round2(stats.requests / seconds) : 0,
    latency: stats.histogram.summary(),
  };
}

interface LoadSettings {
  mode: LoadOptions['mode'];
  durationMs: number;
  maxRequests: number;
  timeoutMs: number;
  maxInFlight: number;
  progressIntervalMs: number;
  users: number;
  rate: number;
  thinkTimeMs: number;
  mix: LoadMix;
}

/** The options with their defaults and bounds applied; throws on the first one out of range. */
function loadSettings(options: LoadOptions): LoadSettings {
  loopbackUrl(options.target);
  const mode = options.mode;
  if (mode !== 'open' && mode !== 'closed') throw new Error(`mode must be open or closed, got ${mode}`);
  const durationMs = Math.min(MAX_DURATION_MS, positive('durationMs', options.durationMs, 0));
  const maxRequests = Math.min(MAX_REQUESTS, Math.floor(positive('maxRequests', options.maxRequests, MAX_REQUESTS)));
  const timeoutMs = positive('timeoutMs', options.timeoutMs, 10_000);
  const maxInFlight = Math.floor(positive('maxInFlight', options.maxInFlight, 2_000));
  const progressIntervalMs = positive('progressIntervalMs', options.progressIntervalMs, 1_000);
  const users = Math.floor(positive('users', options.users, mode === 'open' ? 1 : 0));
  const rate =
    mode === 'open' ? positive('rate', options.rate ?? users * positive('perUserRate', options.perUserRate, 1), 0) : 0;
  const thinkTimeMs = Math.max(0, options.thinkTimeMs ?? 0);
  const mix = options.mix ?? carebridgeMix();
  if (mix.entries.length === 0 || mix.entries.every((e) => !(e.weight > 0))) {
    throw new Error('The mix needs at least one entry with a positive weight.');
  }
  return { mode, durationMs, maxRequests, timeoutMs, maxInFlight, progressIntervalMs, users, rate, thinkTimeMs, mix };
}

function pickByWeight(entries: MixEntry[], random: () => number): MixEntry {
  const weight = entries.reduce((sum, e) => sum + Math.max(0, e.weight), 0);
  let r = random() * weight;
  for (const entry of entries) {
    if (entry.weight <= 0) continue;
    r -= entry.weight;
    if (r < 0) return entry;
  }
  return entries.find((e) => e.weight > 0) as MixEntry;
}

/**
 * The picked kind's request; when it cannot be built yet (no ids learnt), another kind picked by
 * weight among the rest, so the mix keeps its proportions among what can be sent.
 */
function chooseRequest(
  weighted: MixEntry[],
  random: () => number,
): { entry: MixEntry; request: LoadRequest | undefined } {
  const first = pickByWeight(weighted, random);
  let left = weighted;
  let entry = first;
  for (;;) {
    const request = entry.build(random);
    if (request) return { entry, request };
    const tried = entry;
    left = left.filter((e) => e !== tried);
    if (left.length === 0) return { entry: first, request: undefined };
    entry = pickByWeight(left, random);
  }
}

/** Whether an answer counts as an error for its kind of request. */
function isFailure(entry: MixEntry, status: number): boolean {
  return entry.isError ? entry.isError(status) : status >= 400 || status < 100;
}

interface RunCounters {
  sent: number;
  completed: number;
  inFlight: number;
  errors: number;
  dropped: number;
  offered: number;
  intervalCompleted: number;
}

/** Counts one finished request (answered, failed, or never sent) in its endpoint and the totals. */
function recordSample(
  counters: RunCounters,
  stats: EndpointStats,
  interval: Histogram,
  latencyMs: number,
  failed: boolean,
): void {
  stats.requests++;
  stats.histogram.record(latencyMs);
  interval.record(latencyMs);
  if (failed) {
    stats.errors++;
    counters.errors++;
  }
  counters.completed++;
  counters.intervalCompleted++;
}

/** Counts a request that was due while too many were in flight: an error with no latency. */
function recordDropped(counters: RunCounters, stats: EndpointStats): void {
  counters.dropped++;
  counters.errors++;
  stats.requests++;
  stats.errors++;
  counters.completed++;
  counters.intervalCompleted++;
}

function progressSnapshot(
  counters: RunCounters,
  interval: Histogram,
  elapsedMs: number,
  windowMs: number,
  done: boolean,
): LoadProgress {
  const { sent, completed, inFlight, errors, dropped } = counters;
  const rps = round2((counters.intervalCompleted * 1000) / windowMs);
  const p99 = interval.count > 0 ? round2(interval.percentile(99)) : null;
  const line =
    `[${(elapsedMs / 1000).toFixed(0).padStart(4)}s] sent ${String(sent).padStart(7)}  ` +
    `rps ${rps.toFixed(0).padStart(5)}  p99 ${p99 === null ? '    –' : `${p99.toFixed(1).padStart(7)} ms`}  ` +
    `errors ${errors}${dropped ? ` (dropped ${dropped})` : ''}  in flight ${inFlight}${done ? '  done' : ''}`;
  return { elapsedMs, sent, completed, inFlight, rps, p99, errors, dropped, done, line };
}

/** The run's results per endpoint and in total, throughput over the sending window. */
function summarise(
  mode: LoadOptions['mode'],
  startedAt: number,
  windowMs: number,
  offered: number,
  endpoints: Iterable<EndpointStats>,
): LoadResult {
  const seconds = windowMs / 1000;
  const list = [...endpoints];
  const total: EndpointStats = {
    name: 'total',
    requests: list.reduce((s, e) => s + e.requests, 0),
    errors: list.reduce((s, e) => s + e.errors, 0),
    histogram: list.reduce((h, e) => h.merge(e.histogram), new Histogram()),
  };
  return {
    mode,
    startedAt,
    durationMs: Math.round(windowMs),
    offered,
    total: endpointResult(total, seconds),
    endpoints: list.filter((e) => e.requests > 0).map((e) => endpointResult(e, seconds)),
  };
}

/** A sleep that {@link Waker.wake} ends early. */
class Waker {
  private wakeUp: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}

/** One run's state: the requests it sends, what they measured, and the waits it can be woken from. */
class LoadRun {
  readonly settings: LoadSettings;
  readonly send: Transport;
  readonly done: Promise<LoadResult>;
  private readonly http: ReturnType<typeof httpTransport> | undefined;
  private readonly random: () => number;
  private readonly endpoints = new Map<string, EndpointStats>();
  private readonly weighted: MixEntry[];
  private readonly interval = new Histogram();
  private readonly counters: RunCounters = {
    sent: 0,
    completed: 0,
    inFlight: 0,
    errors: 0,
    dropped: 0,
    offered: 0,
    intervalCompleted: 0,
  };
  private startedAt = Date.now();
  private startPerf = 0;
  private sendingEndedPerf: number | undefined;
  private lastProgressPerf = 0;
  private stopping = false;
  private running = false;
  private readonly waker = new Waker();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly stopWaiters: Array<() => void> = [];

  constructor(private readonly options: LoadOptions) {
    this.settings = loadSettings(options);
    this.random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    this.http = options.transport ? undefined : httpTransport(options.target);
    this.send = options.transport ?? (this.http as { send: Transport }).send;
    for (const entry of this.settings.mix.entries) {
      this.endpoints.set(entry.name, { name: entry.name, requests: 0, errors: 0, histogram: new Histogram() });
    }
    this.weighted = this.settings.mix.entries.filter((e) => e.weight > 0);
    this.done = this.run();
    // Callers that only use stop() must not see an unhandled rejection.
    this.done.catch(() => undefined);
  }

  stopSending(): void {
    this.stopping = true;
    this.waker.wake();
    for (const resolve of this.stopWaiters.splice(0)) resolve();
  }

  snapshot(done = false): LoadProgress {
    const now = performance.now();
    const elapsedMs = this.running || done ? Math.round((this.sendingEndedPerf ?? now) - this.startPerf) : 0;
    return progressSnapshot(this.counters, this.interval, elapsedMs, Math.max(1, now - this.lastProgressPerf), done);
  }

  private statsOf(entry: MixEntry): EndpointStats {
    return this.endpoints.get(entry.name) as EndpointStats;
  }

  /** Sends one request; `scheduledPerf` is when it was due (open loop) or sent (closed loop). */
  private async fire(scheduledPerf: number): Promise<void> {
    const { counters } = this;
    const { timeoutMs } = this.settings;
    const { entry, request } = chooseRequest(this.weighted, this.random);
    if (!request) {
      recordSample(counters, this.statsOf(entry), this.interval, 0, true);
      return;
    }
    counters.sent++;
    counters.inFlight++;
    let failed = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      // The transport has its own deadline; this one holds whatever the transport does.
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), timeoutMs + 50);
      });
      const answer = await Promise.race([
        this.send(request, { readBody: entry.learn !== undefined, timeoutMs }),
        deadline,
      ]);
      failed = isFailure(entry, answer.status);
      if (!failed && entry.learn && answer.body !== undefined) entry.learn(answer.body, answer.status);
    } catch {
      failed = true;
    } finally {
      clearTimeout(timer);
      counters.inFlight--;
      recordSample(counters, this.statsOf(entry), this.interval, performance.now() - scheduledPerf, failed);
      if (counters.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private report(done = false): LoadProgress {
    const progress = this.snapshot(done);
    this.interval.reset();
    this.counters.intervalCompleted = 0;
    this.lastProgressPerf = performance.now();
    try {
      this.options.onProgress?.(progress);
    } catch {
      // A failing progress callback must not end the run.
    }
    return progress;
  }

  private async runOpen(): Promise<void> {
    const { maxRequests, maxInFlight, durationMs, rate } = this.settings;
    const { counters } = this;
    const gapMs = 1000 / rate;
    const endPerf = this.startPerf + durationMs;
    let next = 0;
    while (!this.stopping) {
      const now = performance.now();
      // Every request due by now leaves now, each timed from its own slot.
      while (!this.stopping && next < maxRequests) {
        const slot = this.startPerf + next * gapMs;
        if (slot > now || slot >= endPerf) break;
        next++;
        counters.offered++;
        if (counters.inFlight >= maxInFlight)
          recordDropped(counters, this.statsOf(pickByWeight(this.weighted, this.random)));
        else void this.fire(slot);
      }
      const slot = this.startPerf + next * gapMs;
      if (next >= maxRequests || slot >= endPerf) break;
      await this.waker.sleep(Math.max(1, Math.min(20, slot - performance.now())));
    }
  }

  private think(endPerf: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(this.settings.thinkTimeMs, Math.max(0, endPerf - performance.now())));
      this.stopWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async runClosed(): Promise<void> {
    const { maxRequests, durationMs, thinkTimeMs, users } = this.settings;
    const endPerf = this.startPerf + durationMs;
    const user = async () => {
      while (!this.stopping && this.counters.sent < maxRequests && performance.now() < endPerf) {
        this.counters.offered++;
        await this.fire(performance.now());
        if (thinkTimeMs > 0 && !this.stopping) await this.think(endPerf);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, users) }, () => user()));
  }

  private whenIdle(): Promise<void> {
    return this.counters.inFlight === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(): Promise<LoadResult> {
    const { mode, durationMs, timeoutMs, progressIntervalMs, mix } = this.settings;
    let progressTimer: NodeJS.Timeout | undefined;
    try {
      await mix.setup?.({ send: this.send, timeoutMs });
      this.startedAt = Date.now();
      this.startPerf = performance.now();
      this.lastProgressPerf = this.startPerf;
      this.running = true;
      if (!this.stopping) {
        progressTimer = setInterval(() => this.report(), progressIntervalMs);
        const bound = setTimeout(() => this.stopSending(), durationMs);
        await (mode === 'open' ? this.runOpen() : this.runClosed());
        clearTimeout(bound);
      }
      this.sendingEndedPerf = performance.now();
      await this.whenIdle();
      clearInterval(progressTimer);
      this.report(true);
      const windowMs = Math.max(0, this.sendingEndedPerf - this.startPerf);
      return summarise(mode, this.startedAt, windowMs, this.counters.offered, this.endpoints.values());
    } finally {
      clearInterval(progressTimer);
      this.http?.close();
    }
  }
}

/**
 * Starts a load run against a loopback target and returns at once; see {@link LoadOptions}.
 * Results are per mix entry and in total ({@link LoadResult}); latencies in milliseconds.
 */
export function runLoad(options: LoadOptions): LoadHandle {
  const run = new LoadRun(options);
  return {
    done: run.done,
    stop() {
      run.stopSending();
      return run.done;
    },
    progress: () => run.snapshot(),
  };
}
