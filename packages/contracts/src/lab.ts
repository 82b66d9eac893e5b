/** What the lab can tell a replica to do wrong (`POST /__lab/fault`, `LAB_FAULT_ON_START`). */
export const FAULT_MODES = ['none', 'slow', 'error', 'hang', 'unready'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/** How the gateway spreads a service's requests over its replicas (a DestinationRule's `loadBalancer`). */
export const BALANCING_POLICIES = ['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'LATENCY_AWARE'] as const;
export type BalancingPolicy = (typeof BALANCING_POLICIES)[number];
