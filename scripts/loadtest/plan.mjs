// Pure parts of `npm run loadtest`: how a run's size splits into JMeter properties, and the summary
// printed from the dashboard's statistics.json.

/** Sign-ups are capped at 5 per address per hour (SIGNUP_MAX_PER_ADDRESS), so insiders share 4 members. */
const MEMBERS = 4;

export function loadtestPlan({ users, minutes, insiderShare }) {
  if (!Number.isInteger(users) || users < 2) throw new Error('--users must be a whole number ≥ 2');
  if (!(minutes > 0)) throw new Error('--minutes must be above 0');
  if (!(insiderShare > 0 && insiderShare < 1)) throw new Error('--insiders must be a share between 0 and 1');
  const insiders = Math.max(1, Math.round(users * insiderShare));
  const seconds = Math.round(minutes * 60);
  return {
    visitors: users - insiders,
    insiders,
    members: MEMBERS,
    seconds,
    // The original ramped up over 30 s; short runs ramp over a quarter of their length.
    rampup: Math.min(30, Math.round(seconds / 4)),
  };
}

const ms = (value) => `${Math.round(value)} ms`;

/** Lines for the total and each request kind, from JMeter's dashboard statistics.json. */
export function summaryLines(statistics) {
  const rows = Object.values(statistics).sort((a, b) =>
    a.transaction === 'Total' ? -1 : b.transaction === 'Total' ? 1 : a.transaction.localeCompare(b.transaction),
  );
  const header = ['request', 'count', 'errors', 'req/s', 'p50', 'p95', 'p99', 'max'];
  const table = rows.map((r) => [
    r.transaction,
    String(r.sampleCount),
    `${r.errorCount} (${r.errorPct.toFixed(2)} %)`,
    r.throughput.toFixed(1),
    ms(r.medianResTime),
    ms(r.pct2ResTime),
    ms(r.pct3ResTime),
    ms(r.maxResTime),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const format = (row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [format(header), ...table.map(format)];
}

/** Issue 16's targets for the 300-user run on this machine. */
export const LOAD_TARGETS = { errors: 0, p99Ms: 300 };
/** Lighthouse's targets on each page while the load runs (desktop FCP too). */
export const LIGHTHOUSE_UNDER_LOAD = { desktop: { performance: 99, fcpMs: 450 }, mobile: { performance: 90 } };

/** Whether the run's total met the targets, and a line saying so beside each figure. */
export function loadVerdict(statistics, targets = LOAD_TARGETS) {
  const total = statistics.Total;
  const errorsOk = total.errorCount <= targets.errors;
  const p99Ok = total.pct3ResTime <= targets.p99Ms;
  return {
    ok: errorsOk && p99Ok,
    lines: [
      `errors ${total.errorCount} (target ${targets.errors}): ${errorsOk ? 'ok' : 'MISSED'}`,
      `p99 ${ms(total.pct3ResTime)} (target ≤ ${targets.p99Ms} ms): ${p99Ok ? 'ok' : 'MISSED'}`,
    ],
  };
}
