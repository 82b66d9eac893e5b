import type { EndpointResult, LoadResult } from '../telemetry/types.js';

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/**
 * A load result as a table for a terminal:
 *
 * ```
 * open loop · 30.0 s · offered 9000 · 300.0 req/s answered · 0 errors (0.00 %)
 * endpoint          requests  errors    req/s    p50 ms    p90 ms    p95 ms    p99 ms    max ms   mean ms
 * board.list            1980       0     66.0      3.41      7.10      9.02     15.30     41.20      4.12
 * …
 * total                 9000       0    300.0      …
 * ```
 */
export function formatLoadResult(result: LoadResult): string {
  const { total } = result;
  const share = total.requests > 0 ? (100 * total.errors) / total.requests : 0;
  const head =
    `${result.mode} loop · ${(result.durationMs / 1000).toFixed(1)} s · offered ${result.offered} · ` +
    `${total.throughput.toFixed(1)} req/s answered · ${total.errors} errors (${share.toFixed(2)} %)`;
  const columns = ['requests', 'errors', 'req/s', 'p50 ms', 'p90 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms'];
  const rows = [...result.endpoints, total];
  const width = Math.max(8, ...rows.map((r) => r.name.length)) + 2;
  const cells = (r: EndpointResult) => [
    String(r.requests),
    String(r.errors),
    r.throughput.toFixed(1),
    ms(r.latency.p50),
    ms(r.latency.p90),
    ms(r.latency.p95),
    ms(r.latency.p99),
    ms(r.latency.max),
    ms(r.latency.mean),
  ];
  const line = (name: string, values: string[]) =>
    name.padEnd(width) + values.map((v, i) => v.padStart(Math.max(8, (columns[i] as string).length) + 2)).join('');
  const out = [head, line('endpoint', columns)];
  for (const row of result.endpoints) out.push(line(row.name, cells(row)));
  out.push(line('total', cells(total)));
  return out.join('\n');
}
