import type { LoadResult } from '../telemetry/types.js';
import { type LoadHandle, type LoadProgress, runLoad } from './generator.js';
import { carebridgeMix, type LoadMix } from './mix.js';

export interface LoadControllerOptions {
  /** Base URL of the gateway (loopback). */
  target: string;
  /** Requests per second per virtual user (default 1). */
  perUserRate?: number;
  /** A level runs at most this long (default 1 hour), then stops by itself. */
  maxDurationMs?: number;
  /** The mix, kept across levels so members are signed up once (default: carebridgeMix()). */
  mix?: LoadMix;
  onProgress?: (progress: LoadProgress) => void;
  /** Each finished run (a level replaced, stopped, or at its time limit). */
  onResult?: (result: LoadResult, level: number) => void;
}

export interface LoadLevelStatus {
  /** Virtual users now (0: no load). */
  level: number;
  /** Requests per second offered at this level. */
  rate: number;
  /** When this level was asked for (epoch ms); null at level 0. */
  startedAt: number | null;
  progress: LoadProgress | null;
  /** The results of the previous level, once it has drained. */
  lastResult: LoadResult | null;
  /** Why the last level could not start or ended early, if it did. */
  error: string | null;
}

/**
 * Load at a level, for `POST /lab/api/load {level}` and the dashboard's load buttons: level N is N
 * virtual users in open loop, one request per second each (300 → 300 req/s), with the Carebridge
 * mix. A new level replaces the running one at once (the old one's requests in flight drain in the
 * background).
 */
export class LoadController {
  private handle: LoadHandle | undefined;
  private current: LoadLevelStatus = {
    level: 0,
    rate: 0,
    startedAt: null,
    progress: null,
    lastResult: null,
    error: null,
  };
  private readonly mix: LoadMix;

  constructor(private readonly options: LoadControllerOptions) {
    this.mix = options.mix ?? carebridgeMix();
  }

  status(): LoadLevelStatus {
    return { ...this.current, progress: this.handle ? this.handle.progress() : null };
  }

  /** Switches to `users` virtual users (0 stops the load) at once; the new run's setup and sending go on in the background. */
  setLevel(users: number): LoadLevelStatus {
    if (!Number.isInteger(users) || users < 0 || users > 100_000) {
      throw new Error(`level must be a whole number of users from 0 to 100000, got ${users}`);
    }
    this.retire();
    const rate = users * (this.options.perUserRate ?? 1);
    this.current = { ...this.current, level: users, rate, startedAt: users > 0 ? Date.now() : null, error: null };
    if (users === 0) return this.status();
    const handle = runLoad({
      target: this.options.target,
      mode: 'open',
      rate,
      durationMs: this.options.maxDurationMs ?? 60 * 60 * 1000,
      mix: this.mix,
      onProgress: (progress) => this.options.onProgress?.(progress),
    });
    this.handle = handle;
    handle.done.then(
      (result) => {
        this.current.lastResult = result;
        this.options.onResult?.(result, users);
        if (this.handle === handle) {
          this.handle = undefined;
          this.current = { ...this.current, level: 0, rate: 0, startedAt: null };
        }
      },
      (error: Error) => {
        if (this.handle === handle) {
          this.handle = undefined;
          this.current = { ...this.current, level: 0, rate: 0, startedAt: null, error: error.message };
        }
      },
    );
    return this.status();
  }

  /** Stops the load and resolves with the last run's results once its requests have drained. */
  async stop(): Promise<LoadResult | null> {
    const handle = this.retire();
    this.current = { ...this.current, level: 0, rate: 0, startedAt: null };
    return handle ? handle.stop().catch(() => null) : null;
  }

  private retire(): LoadHandle | undefined {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) void handle.stop().catch(() => undefined);
    return handle;
  }
}
