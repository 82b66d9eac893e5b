/**
 * What `lab watch` reports of a namespace (`GET /lab/api/state`, `GET /lab/api/history`): the Deployments, their
 * pods and HPAs as read, the shadow decision next to the cluster HPA's, and the verdict.
 */
import type { HpaBehavior } from '@carebridge/manifests';
import type { ControllerSettings, HpaCalculation, HpaDecision } from '../autoscaling/reconcile.js';
import type { LabHistory, ServiceSample } from '../telemetry/types.js';
import type { KubeCondition } from './kube-adapter.js';

export type { ControllerSettings } from '../autoscaling/reconcile.js';
export { DEFAULT_CONTROLLER_SETTINGS } from '../autoscaling/reconcile.js';

export const DEFAULT_INTERVAL_SECONDS = 15;

/** The shadow's decision is the lab's reconcile on the cluster's inputs. */
export type ShadowDecision = HpaDecision;
export type ShadowCalculation = HpaCalculation;

/** How a pod counted in the HPA calculation (`groupPods`). */
export type HpaPodGroup = 'ready' | 'unready' | 'missing' | 'ignored';

export interface WatchedPod {
  name: string;
  phase: string;
  /** The pod's Ready condition is True. */
  ready: boolean;
  deleting: boolean;
  startTime: number | null;
  cpuRequestMilli: number | null;
  cpuUsageMilli: number | null;
  metricsTimestamp: number | null;
  /** Where the HPA algorithm puts it; null when the service has no HPA. */
  hpaGroup: HpaPodGroup | null;
}

export interface WatchedHpa {
  name: string;
  minReplicas: number;
  maxReplicas: number;
  targetUtilization: number | null;
  /** Metrics other than a CPU Utilization target, which the shadow does not compute. */
  otherMetrics: string[];
  behavior: HpaBehavior | null;
  status: {
    currentReplicas: number | null;
    desiredReplicas: number;
    currentCpuUtilization: number | null;
    lastScaleTime: number | null;
    observedGeneration: number | null;
    conditions: KubeCondition[];
  };
  generation: number | null;
}

export type Verdict = 'agree' | 'lagging' | 'disagree' | 'warming-up' | 'partial' | 'unable' | 'no-hpa';

export interface Comparison {
  verdict: Verdict;
  /** The cluster HPA's `status.desiredReplicas`. */
  clusterDesired: number | null;
  shadowDesired: number | null;
  /** Why the two differ when they do, or what limits the comparison. */
  notes: string[];
}

export interface WatchedService {
  name: string;
  component: string | null;
  version: string | null;
  sample: ServiceSample;
  deployment: {
    specReplicas: number;
    replicas: number;
    readyReplicas: number;
    updatedReplicas: number;
    availableReplicas: number;
    generation: number | null;
    observedGeneration: number | null;
  };
  pods: WatchedPod[];
  hpa: WatchedHpa | null;
  shadow: ShadowDecision | null;
  comparison: Comparison;
}

export interface PollOutcome {
  t: number;
  ok: boolean;
  error: string | null;
  /** The metrics API failed while the rest answered (metrics-server missing or unhealthy). */
  metricsError: string | null;
  durationMs: number;
}

/** `GET /lab/api/state` of the watcher. */
export interface WatchState {
  mode: 'kubernetes';
  server: string;
  namespace: string;
  intervalSeconds: number;
  controller: ControllerSettings;
  startedAt: number;
  polls: number;
  lastPoll: PollOutcome | null;
  services: WatchedService[];
  /** HPAs the watcher cannot pair with a Deployment of the namespace, and similar remarks. */
  notes: string[];
}

/** One shadow decision next to the cluster's, for charts over time. */
export interface ShadowPoint {
  t: number;
  service: string;
  hpa: string;
  currentReplicas: number;
  clusterDesired: number;
  shadowDesired: number | null;
  utilization: number | null;
  clusterUtilization: number | null;
  verdict: Verdict;
}

/** `GET /lab/api/history` of the watcher: the lab's history plus the shadow series. */
export interface WatchHistory extends LabHistory {
  shadow: ShadowPoint[];
}
