import { setTimeout as sleep } from 'node:timers/promises';
import type { Replica } from '../supervisor/replica.js';
import type { ReplicaSet } from '../supervisor/replica-set.js';
import { resolveFenceposts, withDeploymentDefaults } from './fenceposts.js';

export interface RolloutProgress {
  service: string;
  from: string;
  to: string;
  phase: 'progressing' | 'complete' | 'rolled back';
  desired: number;
  /** Replicas of the new version that are ready. */
  updated: number;
  /** Replicas of the old version still running. */
  old: number;
  surge: number;
  maxUnavailable: number;
  startedAt: number;
  finishedAt?: number;
  message?: string;
}

const live = (r: Replica) => r.phase !== 'Terminating' && r.phase !== 'Terminated';

/**
 * Replaces a service's replicas with a new version the way the Deployment controller does with
 * RollingUpdate: never more than desired + maxSurge replicas, never fewer than
 * desired − maxUnavailable ready ones; an old replica goes (and drains) only when enough new ones
 * are ready. A version that makes no progress for progressDeadlineSeconds is rolled back.
 */
export async function rollingUpdate(
  set: ReplicaSet,
  version: string,
  onProgress: (p: RolloutProgress) => void = () => {},
  pollMs = 100,
): Promise<RolloutProgress> {
  const desired = Math.max(set.desired, 1);
  const [surgeValue, unavailableValue] = withDeploymentDefaults(
    set.spec.rollout.maxSurge,
    set.spec.rollout.maxUnavailable,
  );
  const { surge, unavailable } = resolveFenceposts(surgeValue, unavailableValue, desired);
  const previous = set.version;
  const progress: RolloutProgress = {
    service: set.name,
    from: previous,
    to: version,
    phase: 'progressing',
    desired,
    updated: 0,
    old: 0,
    surge,
    maxUnavailable: unavailable,
    startedAt: Date.now(),
  };
  const deadlineMs = set.spec.rollout.progressDeadlineSeconds * 1000;
  let lastProgress = Date.now();
  const draining: Promise<void>[] = [];

  for (;;) {
    const current = set.replicas.filter(live);
    const oldOnes = current.filter((r) => r.options.version !== version);
    const newOnes = current.filter((r) => r.options.version === version);
    const newReady = newOnes.filter((r) => r.ready).length;
    if (newReady > progress.updated || oldOnes.length < progress.old) lastProgress = Date.now();
    Object.assign(progress, { updated: newReady, old: oldOnes.length });
    onProgress({ ...progress });
    if (oldOnes.length === 0 && newReady >= desired) break;

    if (Date.now() - lastProgress > deadlineMs) {
      progress.phase = 'rolled back';
      progress.message = `no progress for ${set.spec.rollout.progressDeadlineSeconds}s (ProgressDeadlineExceeded); back to ${previous}`;
      await Promise.all(newOnes.map((r) => set.remove(r)));
      set.version = previous;
      await set.scaleTo(desired).catch(() => undefined);
      progress.finishedAt = Date.now();
      onProgress({ ...progress });
      return progress;
    }

    // Scale up the new version while the total stays within desired + surge.
    const room = desired + surge - current.length;
    const wanted = desired - newOnes.length;
    for (let i = 0; i < Math.min(room, wanted); i++) set.add(version);

    // Scale down old replicas while enough are ready: unready old ones first.
    const ready = current.filter((r) => r.ready).length;
    let removable = ready - (desired - unavailable);
    const victims = [...oldOnes].sort((a, b) => Number(a.ready) - Number(b.ready));
    for (const victim of victims) {
      if (!victim.ready) {
        draining.push(set.remove(victim));
      } else if (removable > 0) {
        removable -= 1;
        draining.push(set.remove(victim));
      }
    }
    await sleep(pollMs);
  }
  set.version = version;
  await Promise.all(draining);
  progress.phase = 'complete';
  progress.finishedAt = Date.now();
  onProgress({ ...progress });
  return progress;
}
