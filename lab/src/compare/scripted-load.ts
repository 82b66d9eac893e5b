/**
 * The scripted CPU of a comparison: a Deployment's total demand over time, shared by its ready pods (a ready pod
 * takes an equal share, as a balanced Service would give it); a pod younger than `missingForSeconds` has no sample
 * yet, as metrics-server has none before a pod's first scrape.
 */
import type { MetricsPod, MetricsSource } from '../metrics-api/server.js';

export interface LoadPhase {
  /** Seconds from the scenario's start. */
  from: number;
  /** Total demand in millicores. */
  milli: number;
}

export interface ScriptedDeployment {
  /** The pods' `app` label. */
  app: string;
  startedAt: number;
  phases: LoadPhase[];
  missingForSeconds: number;
}

export interface PodFacts {
  ready: boolean;
  createdAt: number;
}

/** The demand at `now`: the last phase that has begun. */
export function demandAt(phases: readonly LoadPhase[], startedAt: number, now: number): number {
  const seconds = (now - startedAt) / 1000;
  let milli = 0;
  for (const phase of phases) if (phase.from <= seconds) milli = phase.milli;
  return milli;
}

export function scriptedSource(
  deployments: () => ScriptedDeployment[],
  pods: (namespace: string | null) => (MetricsPod & PodFacts)[],
  windowSeconds = 1,
): MetricsSource {
  return {
    windowSeconds,
    pods,
    usage(pod, now) {
      const facts = pod as MetricsPod & PodFacts;
      const script = deployments().find((d) => d.app === pod.labels.app);
      if (!script) return null;
      if (now - facts.createdAt < script.missingForSeconds * 1000) return null;
      const ready = pods(pod.namespace).filter((p) => p.labels.app === pod.labels.app && p.ready).length;
      const demand = demandAt(script.phases, script.startedAt, now);
      return { cpuMilli: facts.ready && ready > 0 ? demand / ready : 0, memoryBytes: 64 * 1024 * 1024 };
    },
  };
}
