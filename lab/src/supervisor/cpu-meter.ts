import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds a process has used, from /proc (as cAdvisor and metrics-server read it for pods). */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) are space-separated; utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

interface Reading {
  t: number;
  cpuSeconds: number;
}

/**
 * A process's CPU usage in millicores over a sliding window, like a metrics-server sample:
 * (CPU seconds used in the window / seconds elapsed) × 1000. No sample until the window holds two
 * readings far enough apart.
 */
export class CpuMeter {
  private readings: Reading[] = [];
  private pid: number | undefined;

  constructor(
    private readonly windowMs = 15_000,
    private readonly read: (pid: number) => number | undefined = cpuSecondsOf,
  ) {}

  record(pid: number | undefined, now = Date.now()): void {
    if (pid !== this.pid) {
      this.pid = pid;
      this.readings = [];
    }
    if (pid === undefined) return;
    const cpuSeconds = this.read(pid);
    if (cpuSeconds === undefined) return;
    this.readings.push({ t: now, cpuSeconds });
    while (this.readings.length > 2 && now - (this.readings[1] as Reading).t >= this.windowMs) this.readings.shift();
  }

  /** Millicores used over the window, or null before there is a sample. */
  usageMilli(): number | null {
    const first = this.readings[0];
    const last = this.readings.at(-1);
    if (!first || !last || last.t - first.t < 500) return null;
    return Math.max(0, ((last.cpuSeconds - first.cpuSeconds) / ((last.t - first.t) / 1000)) * 1000);
  }
}
