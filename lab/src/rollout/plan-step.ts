/**
 * One sync of the Deployment controller's RollingUpdate, as Kubernetes does it in
 * `pkg/controller/deployment/rolling.go` (`rolloutRolling`): first `reconcileNewReplicaSet` (scale the new
 * ReplicaSet up within desired + maxSurge, `NewRSNewReplicas` in `util/deployment_util.go`); when that changed
 * nothing, `reconcileOldReplicaSets` (`cleanupUnhealthyReplicas`, then `scaleDownOldReplicaSetsForRollingUpdate`,
 * keeping desired − maxUnavailable available). One action per sync, as the controller returns after a scale.
 * The progress deadline follows `util.DeploymentProgressing` / `DeploymentTimedOut` (`progress.go`).
 *
 * Pure, with time injected: sizes in, sizes out. The lab's rolling update (`rolling-update.ts`), the rollout
 * comparison and the spec call it.
 */

export interface ReplicaSetState {
  /** `spec.replicas`. */
  replicas: number;
  /** `status.availableReplicas` (ready for `minReadySeconds`). */
  available: number;
}

/** What the controller's `status` last said, to tell progress (`DeploymentProgressing`). */
export interface RolloutProgressMark {
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  oldReplicas: number;
  /** When progress was last seen (the Progressing condition's `lastUpdateTime`), epoch ms. */
  at: number;
}

export interface PlanInput {
  now: number;
  desired: number;
  /** Resolved fenceposts (`resolveFenceposts`). */
  surge: number;
  unavailable: number;
  progressDeadlineSeconds: number;
  newRS: ReplicaSetState & { ready: number };
  /** Oldest first (`ReplicaSetsByCreationTimestamp`). */
  oldRSs: (ReplicaSetState & { ready: number })[];
  /** `undefined` on the first sync of this rollout. */
  progress: RolloutProgressMark | undefined;
}

export type StepAction = 'scale-up-new' | 'scale-down-new' | 'cleanup-old' | 'scale-down-old' | 'none';

export interface PlannedStep {
  action: StepAction;
  /** The new ReplicaSet's `spec.replicas` after this sync. */
  newReplicas: number;
  /** Each old ReplicaSet's `spec.replicas` after this sync, in input order. */
  oldReplicas: number[];
  /** Every pod is updated and available, no old one is left (`DeploymentComplete`). */
  complete: boolean;
  /** No progress for `progressDeadlineSeconds` (`ProgressDeadlineExceeded`); the controller keeps its sizes. */
  deadlineExceeded: boolean;
  progress: RolloutProgressMark;
  reason: string;
}

const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);

/** `NewRSNewReplicas` for RollingUpdate. */
export function newRSNewReplicas(input: Pick<PlanInput, 'desired' | 'surge' | 'newRS' | 'oldRSs'>): number {
  const current = input.newRS.replicas + sum(input.oldRSs.map((rs) => rs.replicas));
  const maxTotal = input.desired + input.surge;
  if (current >= maxTotal) return input.newRS.replicas;
  const scaleUp = Math.min(maxTotal - current, input.desired - input.newRS.replicas);
  return input.newRS.replicas + scaleUp;
}

/** `reconcileOldReplicaSets`: the old sizes after cleanup of unhealthy pods and the available-bounded scale-down. */
export function scaleDownOld(input: Pick<PlanInput, 'desired' | 'unavailable' | 'newRS' | 'oldRSs'>): {
  oldReplicas: number[];
  cleaned: number;
  scaledDown: number;
} {
  const old = input.oldRSs.map((rs) => rs.replicas);
  const none = { oldReplicas: old, cleaned: 0, scaledDown: 0 };
  if (sum(old) === 0) return none;
  const all = input.newRS.replicas + sum(old);
  const minAvailable = input.desired - input.unavailable;
  const newUnavailable = input.newRS.replicas - input.newRS.available;
  const maxScaledDown = all - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return none;

  // cleanupUnhealthyReplicas: the old ReplicaSets' unavailable pods go first, up to maxScaledDown.
  let cleaned = 0;
  input.oldRSs.forEach((rs, i) => {
    if (cleaned >= maxScaledDown || old[i] === 0 || old[i] === rs.available) return;
    const n = Math.min(maxScaledDown - cleaned, (old[i] as number) - rs.available);
    old[i] = (old[i] as number) - n;
    cleaned += n;
  });

  // scaleDownOldReplicaSetsForRollingUpdate: while more than minAvailable are available.
  const available = input.newRS.available + sum(input.oldRSs.map((rs) => rs.available));
  let scaledDown = 0;
  if (available > minAvailable) {
    const total = available - minAvailable;
    old.forEach((replicas, i) => {
      if (scaledDown >= total || replicas === 0) return;
      const n = Math.min(replicas, total - scaledDown);
      old[i] = replicas - n;
      scaledDown += n;
    });
  }
  return { oldReplicas: old, cleaned, scaledDown };
}

/** `DeploymentProgressing`: more updated, ready or available pods, or fewer old ones, than the last status. */
function progressed(mark: RolloutProgressMark, now: Omit<RolloutProgressMark, 'at'>): boolean {
  return (
    now.updatedReplicas > mark.updatedReplicas ||
    now.readyReplicas > mark.readyReplicas ||
    now.availableReplicas > mark.availableReplicas ||
    now.oldReplicas < mark.oldReplicas
  );
}

export function planStep(input: PlanInput): PlannedStep {
  const { desired, newRS, oldRSs, now } = input;
  const oldSizes = oldRSs.map((rs) => rs.replicas);
  const status = {
    updatedReplicas: newRS.replicas,
    readyReplicas: newRS.ready + sum(oldRSs.map((rs) => rs.ready)),
    availableReplicas: newRS.available + sum(oldRSs.map((rs) => rs.available)),
    oldReplicas: sum(oldSizes),
  };
  const mark = input.progress ?? { ...status, at: now };
  const progress = input.progress === undefined || progressed(mark, status) ? { ...status, at: now } : mark;
  const complete = newRS.replicas === desired && newRS.available >= desired && sum(oldSizes) === 0;
  const deadlineExceeded = !complete && progress.at + input.progressDeadlineSeconds * 1000 < now;
  const step = (action: StepAction, newReplicas: number, oldReplicas: number[], reason: string): PlannedStep => ({
    action,
    newReplicas,
    oldReplicas,
    complete,
    deadlineExceeded,
    progress,
    reason,
  });

  if (newRS.replicas > desired) {
    return step('scale-down-new', desired, oldSizes, `new ReplicaSet above ${desired} desired`);
  }
  if (newRS.replicas < desired) {
    const next = newRSNewReplicas(input);
    if (next !== newRS.replicas) {
      return step(
        'scale-up-new',
        next,
        oldSizes,
        `new ReplicaSet ${newRS.replicas} → ${next} within ${desired} + ${input.surge} surge`,
      );
    }
  }
  const down = scaleDownOld(input);
  if (down.cleaned + down.scaledDown > 0) {
    const action = down.scaledDown > 0 ? 'scale-down-old' : 'cleanup-old';
    return step(
      action,
      newRS.replicas,
      down.oldReplicas,
      `old ReplicaSets ${sum(oldSizes)} → ${sum(down.oldReplicas)} keeping ${desired - input.unavailable} available`,
    );
  }
  if (complete) return step('none', newRS.replicas, oldSizes, 'rollout complete');
  if (deadlineExceeded) {
    return step(
      'none',
      newRS.replicas,
      oldSizes,
      `no progress for ${input.progressDeadlineSeconds}s (ProgressDeadlineExceeded)`,
    );
  }
  return step('none', newRS.replicas, oldSizes, 'waiting for new pods to become available');
}
