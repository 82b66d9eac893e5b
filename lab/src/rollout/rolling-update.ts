import { setTimeout as sleep } from 'node:timers/promises';
import type { Replica } from '../supervisor/replica.js';
import type { ReplicaSet } from '../supervisor/replica-set.js';
import { resolveFenceposts, withDeploymentDefaults } from './fenceposts.js';
import { planStep, type RolloutProgressMark } from './plan-step.js';

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
 * Replaces a service's replicas with a new version the way the Deployment controller does with RollingUpdate:
 * every `pollMs` one {@link planStep} on the replica counts (the new version's replicas are the new ReplicaSet, the
 * others the old one), and this shell starts or stops replicas to match. Old replicas go unready first, then newest
 * first, as the ReplicaSet controller ranks pods to delete. When the step reports `ProgressDeadlineExceeded` the lab
 * goes one step beyond the controller (which only reports it): it rolls back, as `kubectl rollout undo` would.
 */
export async function rollingUpdate(
  set: ReplicaSet,
  version: string,
  onProgress: (p: RolloutProgress) => void = () => {},
  pollMs = 100,
  now: () => number = Date.now,
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
    startedAt: now(),
  };
  let mark: RolloutProgressMark | undefined;
  const draining: Promise<void>[] = [];

  for (;;) {
    const current = set.replicas.filter(live);
    const oldOnes = current.filter((r) => r.options.version !== version);
    const newOnes = current.filter((r) => r.options.version === version);
    const ready = (list: Replica[]) => list.filter((r) => r.ready).length;
    const step = planStep({
      now: now(),
      desired,
      surge,
      unavailable,
      progressDeadlineSeconds: set.spec.rollout.progressDeadlineSeconds,
      newRS: { replicas: newOnes.length, ready: ready(newOnes), available: ready(newOnes) },
      oldRSs: [{ replicas: oldOnes.length, ready: ready(oldOnes), available: ready(oldOnes) }],
      progress: mark,
    });
    mark = step.progress;
    Object.assign(progress, { updated: ready(newOnes), old: oldOnes.length });
    onProgress({ ...progress });
    if (step.complete) break;

    if (step.deadlineExceeded) {
      progress.phase = 'rolled back';
      progress.message = `no progress for ${set.spec.rollout.progressDeadlineSeconds}s (ProgressDeadlineExceeded); back to ${previous}`;
      await Promise.all(newOnes.map((r) => set.remove(r)));
      set.version = previous;
      await set.scaleTo(desired).catch(() => undefined);
      progress.finishedAt = now();
      onProgress({ ...progress });
      return progress;
    }

    for (let i = newOnes.length; i < step.newReplicas; i++) set.add(version);
    const victims = [...oldOnes]
      .sort((a, b) => Number(a.ready) - Number(b.ready) || (b.startedAt ?? 0) - (a.startedAt ?? 0))
      .slice(0, oldOnes.length - (step.oldReplicas[0] ?? 0));
    for (const victim of victims) draining.push(set.remove(victim));
    await sleep(pollMs);
  }
  set.version = version;
  await Promise.all(draining);
  progress.phase = 'complete';
  progress.finishedAt = now();
  onProgress({ ...progress });
  return progress;
}
