/** Injection token of the service's clock (milliseconds since the epoch), so time-bound lists can be tested. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => number;
