/**
 * A Deployment's RollingUpdate fenceposts, as Kubernetes resolves them: `ResolveFenceposts` in
 * `pkg/controller/deployment/util/deployment_util.go` over `intstr.GetScaledValueFromIntOrPercent`
 * (`k8s.io/apimachinery/pkg/util/intstr`). maxSurge rounds up, maxUnavailable rounds down, and when both resolve
 * to 0 maxUnavailable becomes 1. As in `ResolveFenceposts`, an unset value counts as 0; a Deployment read
 * from a manifest gets the API's defaults first (`withDeploymentDefaults`: 25% each, `SetDefaults_Deployment`).
 */

/** An `IntOrString`: a whole number, a `"<n>%"` string; `null`/`undefined` means unset. */
export type IntOrPercent = number | string | null | undefined;

export interface Fenceposts {
  surge: number;
  unavailable: number;
}

export const DEFAULT_MAX_SURGE = '25%';
export const DEFAULT_MAX_UNAVAILABLE = '25%';

export class FencepostError extends Error {
  override name = 'FencepostError';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's `strconv.Atoi`: an optional sign and decimal digits, within int64. */
function atoi(s: string, original: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new FencepostError(`invalid value for IntOrString: invalid value "${original}"`);
  const big = BigInt(s);
  if (big < INT64_MIN || big > INT64_MAX) {
    throw new FencepostError(`invalid value for IntOrString: invalid value "${original}": value out of range`);
  }
  return Number(big);
}

/** Go's `int32(x)` conversion of an int: two's-complement wrap. */
const toInt32 = (x: number) => Number(BigInt.asIntN(32, BigInt(x)));

/**
 * `GetScaledValueFromIntOrPercent`: a number is returned as is; `"<n>%"` scales `total` by n%, rounding up or
 * down; any other string is an error.
 */
export function getScaledValueFromIntOrPercent(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value > 2147483647 || value < -2147483648) {
      throw new FencepostError(`invalid value for IntOrString: ${value} is not a 32-bit integer`);
    }
    return value;
  }
  if (typeof value !== 'string') throw new FencepostError('invalid type: neither int nor percentage');
  if (!value.endsWith('%'))
    throw new FencepostError('invalid value for IntOrString: invalid type: string is not a percentage');
  const percent = atoi(value.slice(0, -1), value);
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** What the API server fills in for a RollingUpdate Deployment that leaves the fields out. */
export function withDeploymentDefaults(
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
): [IntOrPercent, IntOrPercent] {
  return [maxSurge ?? DEFAULT_MAX_SURGE, maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE];
}

/** `ResolveFenceposts(maxSurge, maxUnavailable, desired)`; unset values count as 0 (`intstr.ValueOrDefault(nil, 0)`). */
export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, desired: number): Fenceposts {
  if (!Number.isInteger(desired) || desired < 0 || desired > 2147483647) {
    throw new FencepostError('desired must be a non-negative 32-bit integer');
  }
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) {
    // Validation never allows both to be 0 explicitly, but rounding maxUnavailable down can; then allow one
    // unavailable replica, on the theory that surge might not work due to quota.
    unavailable = 1;
  }
  return { surge: toInt32(surge), unavailable: toInt32(unavailable) };
}
