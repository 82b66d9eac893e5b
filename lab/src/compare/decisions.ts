/**
 * Two decision sequences side by side: the n-th rescale of the lab against the n-th of the real controller, equal
 * when they go to the same count within `toleranceMs` of each other (the two controllers' sync loops run with
 * independent phases, so one sync period apart is the same sync).
 */
import type { Decision } from './hpa-run.js';

export interface DecisionPair {
  index: number;
  lab: Decision | null;
  real: Decision | null;
  /** lab.t − real.t, ms. */
  offsetMs: number | null;
  equal: boolean;
  why: string | null;
}

export interface DecisionComparison {
  compared: number;
  differences: number;
  toleranceMs: number;
  pairs: DecisionPair[];
}

export function compareDecisions(
  lab: readonly Decision[],
  real: readonly Decision[],
  toleranceMs: number,
): DecisionComparison {
  const pairs: DecisionPair[] = [];
  for (let i = 0; i < Math.max(lab.length, real.length); i++) {
    const l = lab[i] ?? null;
    const r = real[i] ?? null;
    const offsetMs = l && r ? l.t - r.t : null;
    let why: string | null = null;
    if (!l) why = `the lab made no ${ordinal(i + 1)} rescale (the real HPA went ${r?.from} → ${r?.to})`;
    else if (!r) why = `the real HPA made no ${ordinal(i + 1)} rescale (the lab went ${l.from} → ${l.to})`;
    else if (l.to !== r.to) why = `the lab went to ${l.to}, the real HPA to ${r.to}`;
    else if (Math.abs(offsetMs ?? 0) > toleranceMs)
      why = `${Math.round((offsetMs ?? 0) / 100) / 10} s apart (tolerance ${toleranceMs / 1000} s)`;
    pairs.push({ index: i, lab: l, real: r, offsetMs, equal: why === null, why });
  }
  return { compared: pairs.length, differences: pairs.filter((p) => !p.equal).length, toleranceMs, pairs };
}

const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
