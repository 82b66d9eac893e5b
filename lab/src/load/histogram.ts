/**
 * An HDR-style latency histogram: values are kept as integer microseconds in log-linear buckets —
 * 128 linear sub-buckets per power of two above 256 µs, exact below — so any value is reported
 * within 1/128 (< 0.8 %) of itself while memory stays fixed (3,328 counters, about 26 KB) whatever
 * the number of samples. Values from 0 to about 71 minutes are tracked; larger ones count in the top
 * bucket (the exact maximum is still kept). Percentiles are reported as the highest value of their
 * bucket, as HdrHistogram does, so a percentile is never under-reported; they never exceed the
 * recorded maximum.
 */

const SUB_BUCKET_BITS = 8;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS; // 256: exact resolution below this many µs
const HALF = SUB_BUCKETS / 2; // 128 sub-buckets per further power of two
const MAX_TRACKED = 2 ** 32 - 1; // µs, ≈ 71.6 minutes
const LENGTH = SUB_BUCKETS + (32 - SUB_BUCKET_BITS) * HALF;

function indexOf(us: number): number {
  if (us < SUB_BUCKETS) return us;
  const msb = 31 - Math.clz32(us); // ≥ 8
  const shift = msb - (SUB_BUCKET_BITS - 1);
  return SUB_BUCKETS + (shift - 1) * HALF + ((us >>> shift) - HALF);
}

/** Highest value (µs) that lands in bucket `index`. */
function highestOf(index: number): number {
  if (index < SUB_BUCKETS) return index;
  const shift = Math.floor((index - SUB_BUCKETS) / HALF) + 1;
  const sub = ((index - SUB_BUCKETS) % HALF) + HALF;
  return (sub + 1) * 2 ** shift - 1;
}

export class Histogram {
  private readonly counts = new Float64Array(LENGTH);
  private total = 0;
  private sumMs = 0;
  private minMs = Number.POSITIVE_INFINITY;
  private maxMs = 0;

  /** Records one latency in milliseconds (negative values count as 0). */
  record(ms: number, count = 1): void {
    if (!Number.isFinite(ms) || count <= 0) return;
    const value = Math.max(0, ms);
    const us = Math.min(MAX_TRACKED, Math.round(value * 1000));
    this.counts[indexOf(us)]! += count;
    this.total += count;
    this.sumMs += value * count;
    if (value < this.minMs) this.minMs = value;
    if (value > this.maxMs) this.maxMs = value;
  }

  get count(): number {
    return this.total;
  }

  /** Exact mean (ms) of the recorded values; 0 when empty. */
  mean(): number {
    return this.total === 0 ? 0 : this.sumMs / this.total;
  }

  /** Exact maximum (ms); 0 when empty. */
  max(): number {
    return this.maxMs;
  }

  /** Exact minimum (ms); 0 when empty. */
  min(): number {
    return this.total === 0 ? 0 : this.minMs;
  }

  /**
   * The value (ms) below or at which `p` percent of the recorded values fall (nearest rank: the
   * ⌈p/100 × n⌉-th smallest), to within the histogram's precision; 0 when empty.
   */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    if (p <= 0) return this.min();
    const rank = Math.max(1, Math.ceil((Math.min(p, 100) / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < LENGTH; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.max(this.min(), Math.min(this.maxMs, highestOf(i) / 1000));
    }
    return this.maxMs;
  }

  /** Adds another histogram's values to this one. */
  merge(other: Histogram): this {
    if (other.total === 0) return this;
    for (let i = 0; i < LENGTH; i++) this.counts[i]! += other.counts[i]!;
    this.total += other.total;
    this.sumMs += other.sumMs;
    this.minMs = Math.min(this.minMs, other.minMs);
    this.maxMs = Math.max(this.maxMs, other.maxMs);
    return this;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sumMs = 0;
    this.minMs = Number.POSITIVE_INFINITY;
    this.maxMs = 0;
  }

  /** p50/p90/p95/p99, max and mean in milliseconds, rounded to 0.01 ms. */
  summary(): { p50: number; p90: number; p95: number; p99: number; max: number; mean: number } {
    const r = (v: number) => Math.round(v * 100) / 100;
    return {
      p50: r(this.percentile(50)),
      p90: r(this.percentile(90)),
      p95: r(this.percentile(95)),
      p99: r(this.percentile(99)),
      max: r(this.max()),
      mean: r(this.mean()),
    };
  }
}
