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

/**
 * Starts a load run against a loopback target and returns at once; see {@link LoadOptions}.
 * Results are per mix entry and in total ({@link LoadResult}); latencies in milliseconds.
 */
export function runLoad(options: LoadOptions): LoadHandle {
  const settings = loadSettings(options);
  const { mode, durationMs, maxRequests, timeoutMs, maxInFlight, mix } = settings;
  const random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const http = options.transport ? undefined : httpTransport(options.target);
  const send: Transport = options.transport ?? (http as { send: Transport }).send;

  const endpoints = new Map<string, EndpointStats>();
  for (const entry of mix.entries) {
    endpoints.set(entry.name, { name: entry.name, requests: 0, errors: 0, histogram: new Histogram() });
  }
  const statsOf = (entry: MixEntry) => endpoints.get(entry.name) as EndpointStats;
  const interval = new Histogram();
  const weighted = mix.entries.filter((e) => e.weight > 0);
  const counters: RunCounters = {
    sent: 0,
    completed: 0,
    inFlight: 0,
    errors: 0,
    dropped: 0,
    offered: 0,
    intervalCompleted: 0,
  };

  let startedAt = Date.now();
  let startPerf = 0;
  let sendingEndedPerf: number | undefined;
  let lastProgressPerf = 0;
  let stopping = false;
  let running = false;
  let progressTimer: NodeJS.Timeout | undefined;
  const waker = new Waker();
  const idleWaiters: Array<() => void> = [];
  const stopWaiters: Array<() => void> = [];

  const stopSending = () => {
    stopping = true;
    waker.wake();
    for (const resolve of stopWaiters.splice(0)) resolve();
  };

  /** Sends one request; `scheduledPerf` is when it was due (open loop) or sent (closed loop). */
  const fire = async (scheduledPerf: number): Promise<void> => {
    const { entry, request } = chooseRequest(weighted, random);
    if (!request) {
      recordSample(counters, statsOf(entry), interval, 0, true);
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
      const answer = await Promise.race([send(request, { readBody: entry.learn !== undefined, timeoutMs }), deadline]);
      failed = isFailure(entry, answer.status);
      if (!failed && entry.learn && answer.body !== undefined) entry.learn(answer.body, answer.status);
    } catch {
      failed = true;
    } finally {
      clearTimeout(timer);
      counters.inFlight--;
      recordSample(counters, statsOf(entry), interval, performance.now() - scheduledPerf, failed);
      if (counters.inFlight === 0) for (const resolve of idleWaiters.splice(0)) resolve();
    }
  };

  const snapshot = (done = false): LoadProgress => {
    const now = performance.now();
    const elapsedMs = running || done ? Math.round((sendingEndedPerf ?? now) - startPerf) : 0;
    return progressSnapshot(counters, interval, elapsedMs, Math.max(1, now - lastProgressPerf), done);
  };

  const report = (done = false) => {
    const progress = snapshot(done);
    interval.reset();
    counters.intervalCompleted = 0;
    lastProgressPerf = performance.now();
    try {
      options.onProgress?.(progress);
    } catch {
      // A failing progress callback must not end the run.
    }
    return progress;
  };

  const runOpen = async (): Promise<void> => {
    const gapMs = 1000 / settings.rate;
    const endPerf = startPerf + durationMs;
    let next = 0;
    while (!stopping) {
      const now = performance.now();
      // Every request due by now leaves now, each timed from its own slot.
      while (!stopping && next < maxRequests) {
        const slot = startPerf + next * gapMs;
        if (slot > now || slot >= endPerf) break;
        next++;
        counters.offered++;
        if (counters.inFlight >= maxInFlight) recordDropped(counters, statsOf(pickByWeight(weighted, random)));
        else void fire(slot);
      }
      const slot = startPerf + next * gapMs;
      if (next >= maxRequests || slot >= endPerf) break;
      await waker.sleep(Math.max(1, Math.min(20, slot - performance.now())));
    }
  };

  const think = (endPerf: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(settings.thinkTimeMs, Math.max(0, endPerf - performance.now())));
      stopWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  const runClosed = async (): Promise<void> => {
    const endPerf = startPerf + durationMs;
    const user = async () => {
      while (!stopping && counters.sent < maxRequests && performance.now() < endPerf) {
        counters.offered++;
        await fire(performance.now());
        if (settings.thinkTimeMs > 0 && !stopping) await think(endPerf);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, settings.users) }, () => user()));
  };

  const whenIdle = () =>
    counters.inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));

  const done = (async (): Promise<LoadResult> => {
    try {
      await mix.setup?.({ send, timeoutMs });
      startedAt = Date.now();
      startPerf = performance.now();
      lastProgressPerf = startPerf;
      running = true;
      if (!stopping) {
        progressTimer = setInterval(() => report(), settings.progressIntervalMs);
        const bound = setTimeout(stopSending, durationMs);
        await (mode === 'open' ? runOpen() : runClosed());
        clearTimeout(bound);
      }
      sendingEndedPerf = performance.now();
      await whenIdle();
      clearInterval(progressTimer);
      report(true);
      const windowMs = Math.max(0, sendingEndedPerf - startPerf);
      return summarise(mode, startedAt, windowMs, counters.offered, endpoints.values());
    } finally {
      clearInterval(progressTimer);
      http?.close();
    }
  })();
  // Callers that only use stop() must not see an unhandled rejection.
  done.catch(() => undefined);

  return {
    done,
    stop() {
      stopSending();
      return done;
    },
    progress: () => snapshot(),
  };
}
