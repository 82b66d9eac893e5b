import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `condition` every `everyMs` until it holds: the time that took, or undefined after `ms`. The lab's
 * runtime polls with this; tests poll with platform's `until`, which throws instead (the lab's runtime does
 * not carry platform).
 */
export async function waitFor(condition: () => boolean, ms: number, everyMs = 250): Promise<number | undefined> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) return undefined;
    await sleep(everyMs);
  }
  return Date.now() - started;
}
