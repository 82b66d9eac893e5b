import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `condition` every `everyMs` until it holds; the time that took, or an error naming `what` after `ms`. */
export async function until(condition: () => boolean, ms: number, what: string, everyMs = 50): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(everyMs);
  }
  return Date.now() - started;
}
