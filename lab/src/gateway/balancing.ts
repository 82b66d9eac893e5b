import type { BalancingPolicy } from '@carebridge/manifests';

/** What the balancer knows of a replica when it picks one. */
export interface Candidate {
  id: string;
  inFlight: number;
  /** Smoothed response time in ms, undefined until the replica has answered once. */
  latencyMs: number | undefined;
}

export type Random = () => number;

/**
 * Picks the replica for the next request. Pure apart from the round-robin cursor, which the
 * caller keeps per service so that policies can be switched at run time.
 */
export function pick(
  policy: BalancingPolicy,
  candidates: Candidate[],
  cursor: { next: number },
  random: Random = Math.random,
): Candidate | undefined {
  if (candidates.length <= 1) return candidates[0];
  switch (policy) {
    case 'ROUND_ROBIN': {
      const chosen = candidates[cursor.next % candidates.length];
      cursor.next = (cursor.next + 1) % candidates.length;
      return chosen;
    }
    case 'RANDOM':
      return candidates[Math.floor(random() * candidates.length)];
    case 'LEAST_REQUEST':
      return powerOfTwoChoices(candidates, random);
    case 'LATENCY_AWARE':
      return weightedByLatency(candidates, random);
  }
}

/** Envoy's LEAST_REQUEST with equal weights: two distinct random replicas, the one with fewer requests in flight. */
function powerOfTwoChoices(candidates: Candidate[], random: Random): Candidate | undefined {
  const first = Math.floor(random() * candidates.length);
  let second = Math.floor(random() * (candidates.length - 1));
  if (second >= first) second += 1;
  const a = candidates[first] as Candidate;
  const b = candidates[second] as Candidate;
  if (a.inFlight === b.inFlight) return random() < 0.5 ? a : b;
  return a.inFlight < b.inFlight ? a : b;
}

/**
 * Each replica's share is proportional to 1 / its smoothed latency (counting requests in flight as
 * extra expected wait), so a replica five times slower gets a fifth of the traffic, not none.
 * Replicas without a measurement yet are treated as average, so they get tried.
 */
function weightedByLatency(candidates: Candidate[], random: Random): Candidate | undefined {
  const known = candidates.map((c) => c.latencyMs).filter((l): l is number => l !== undefined);
  const average = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const weights = candidates.map((c) => {
    const latency = Math.max(c.latencyMs ?? average, 0.1);
    return 1 / (latency * (1 + c.inFlight));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let point = random() * total;
  for (const [i, w] of weights.entries()) {
    point -= w;
    if (point <= 0) return candidates[i];
  }
  return candidates.at(-1);
}

/** Exponentially weighted moving average of response times; recent answers count most. */
export class Ewma {
  private current: number | undefined;

  constructor(private readonly alpha = 0.2) {}

  add(sample: number): void {
    this.current = this.current === undefined ? sample : this.alpha * sample + (1 - this.alpha) * this.current;
  }

  get value(): number | undefined {
    return this.current;
  }
}
