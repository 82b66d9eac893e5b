// Fixtures of the autoscaling tests: the unit specs beside the code and the calculator e2e suite.
import type { HpaBehavior } from '@carebridge/manifests';
import type { PodPhase, PodSample } from '../autoscaling/replica-calculator.js';

/** The HPA behavior Kubernetes fills in when a manifest sets none (../shared/lab-cli.md). */
export const DEFAULT_BEHAVIOR: HpaBehavior = {
  scaleUp: {
    selectPolicy: 'Max',
    stabilizationWindowSeconds: 0,
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  },
  scaleDown: {
    selectPolicy: 'Max',
    stabilizationWindowSeconds: 300,
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  },
};

export interface PodOptions {
  ready?: boolean[];
  phase?: PodPhase[];
  started?: (number | undefined)[];
  deleting?: boolean[];
}

/** One pod per request; a usage list shorter than the requests leaves the remaining pods without a sample. */
export function pods(requests: number[], usage: (number | null)[], o: PodOptions = {}): PodSample[] {
  return requests.map((req, i) => {
    const pod: PodSample = {
      name: `test-pod-${i}`,
      phase: o.phase?.[i] ?? 'Running',
      ready: o.ready?.[i] ?? true,
      cpuRequestMilli: req,
      cpuUsageMilli: usage[i] ?? null,
      deleting: o.deleting?.[i] ?? false,
    };
    const started = o.started?.[i];
    if (started !== undefined) pod.startedSecondsAgo = started;
    return pod;
  });
}

/** `n` equal CPU figures in millicores (one CPU unless stated): requests or usage. */
export const millis = (n: number, milli = 1000) => Array.from({ length: n }, () => milli);
