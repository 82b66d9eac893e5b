import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReplicaOptions {
  id: string;
  entry: string;
  cwd: string;
  env: Record<string, string>;
  readinessPath: string;
  /** Receives every line the replica writes. */
  onLine: (line: string, stream: 'stdout' | 'stderr') => void;
}

const START_TIMEOUT_MS = 60_000;

/**
 * One service process. It picks its own free port (PORT=0) and reports it over the IPC channel;
 * it is ready once its readiness endpoint answers 200. It is started with an IPC channel,
 * so it shuts itself down if this process dies, even by SIGKILL.
 */
export class Replica {
  private child: ChildProcess | undefined;
  url: string | undefined;
  ready = false;
  private exited: Promise<number | null> = Promise.resolve(null);

  constructor(readonly options: ReplicaOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const { entry, cwd, env, onLine } = this.options;
    const child = spawn(process.execPath, [entry], {
      cwd,
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const listening = new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${this.options.id} exited with code ${code} while starting`)));
      child.on('message', (message: { type?: string; url?: string }) => {
        if (message?.type === 'listening' && message.url) resolve(message.url);
      });
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => onLine(line, 'stdout'));
      createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => onLine(line, 'stderr'));
    });
    this.url = await withDeadline(listening, START_TIMEOUT_MS, `${this.options.id} did not start listening`);
    await this.waitUntilReady();
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`${this.options.id} exited before it was ready`);
      try {
        const res = await fetch(`${this.url}${this.options.readinessPath}`, { signal: AbortSignal.timeout(1_000) });
        if (res.status === 200) {
          this.ready = true;
          return;
        }
      } catch {
        // not answering yet
      }
      await sleep(100);
    }
    throw new Error(`${this.options.id} did not become ready within ${START_TIMEOUT_MS / 1000}s`);
  }

  /** SIGTERM, then SIGKILL if it has not drained within the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    this.ready = false;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
