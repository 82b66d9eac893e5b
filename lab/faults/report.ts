import { retriable, type WriteRecord } from './traffic.js';

/** What the database said about the writes of one fault. */
export interface DatabaseFindings {
  /** How many rows each write's marker finds (0: absent; 2+: duplicated). */
  copies: Map<WriteRecord, number>;
  /** Counters that differ from a recount, each named (`posts.comment_count of <id>: 3 ≠ 2`). */
  counterMismatches: string[];
  /** Outbox events not delivered once the peer came back. */
  undeliveredEvents: number;
  notes: string[];
}

export interface FaultFigures {
  fault: string;
  how: string;
  attempted: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  /** Writes that were not acknowledged but left a row behind. */
  leftBehind: number;
  /** Writes the client gave up on (never acknowledged). */
  failedWrites: number;
  /** Requests (attempts) answered 5xx, 409 or not at all, and their share of all attempts. */
  failedRequests: number;
  requests: number;
  failedRequestRate: number;
  /** Status codes of the writes given up, by their last answer, e.g. {"503": 2}. */
  failureStatuses: Record<string, number>;
  /** Status codes of every failed attempt (0: no answer), e.g. {"503": 30, "502": 2}. */
  failedAttemptStatuses: Record<string, number>;
  readsSent: number;
  readsFailed: number;
  /**
   * POST attempts the gateway answered 502/503 (their replica died under them) that the client
   * then had to resend itself: the gateway never resends a POST.
   */
  postsFailedThroughGateway: number;
  /** POSTs the gateway sent again (same Idempotency-Key) after their replica died before answering. */
  postsResentByGateway?: number;
  counterMismatches: string[];
  undeliveredEvents: number;
  readinessWentFalse: boolean;
  restartsDuringFault: number;
  /** From the end of the fault (server back, disk freed…) to the first acknowledged fresh write. */
  timeToRecoverMs: number | null;
  notes: string[];
}

export interface FaultTimeline {
  fault: string;
  how: string;
  writes: WriteRecord[];
  reads: { sent: number; failed: number };
  readinessWentFalse: boolean;
  restartsDuringFault: number;
  timeToRecoverMs: number | null;
}

/** The figures of one fault, from what the clients saw and what the database holds. */
export function figures(timeline: FaultTimeline, findings: DatabaseFindings): FaultFigures {
  const { writes } = timeline;
  const copies = (w: WriteRecord) => findings.copies.get(w) ?? 0;
  const acknowledged = writes.filter((w) => w.acknowledged);
  const failed = writes.filter((w) => !w.acknowledged);
  const requests = writes.reduce((n, w) => n + w.attempts, 0);
  const failedRequests = writes.reduce((n, w) => n + w.failedAttempts, 0);
  const failureStatuses: Record<string, number> = {};
  for (const w of failed) failureStatuses[String(w.status)] = (failureStatuses[String(w.status)] ?? 0) + 1;
  const failedAttemptStatuses: Record<string, number> = {};
  for (const status of writes.flatMap((w) => w.attemptStatuses.filter(retriable))) {
    failedAttemptStatuses[String(status)] = (failedAttemptStatuses[String(status)] ?? 0) + 1;
  }
  return {
    fault: timeline.fault,
    how: timeline.how,
    attempted: writes.length,
    acknowledged: acknowledged.length,
    lost: acknowledged.filter((w) => copies(w) === 0).length,
    duplicated: writes.filter((w) => copies(w) > 1).length,
    leftBehind: failed.filter((w) => copies(w) > 0).length,
    failedWrites: failed.length,
    failedRequests,
    requests,
    failedRequestRate: requests === 0 ? 0 : failedRequests / requests,
    failureStatuses,
    failedAttemptStatuses,
    postsFailedThroughGateway: writes
      .filter((w) => ['post', 'comment', 'review', 'signup'].includes(w.kind))
      .reduce((n, w) => n + w.attemptStatuses.filter((s) => s === 502 || s === 503).length, 0),
    readsSent: timeline.reads.sent,
    readsFailed: timeline.reads.failed,
    counterMismatches: findings.counterMismatches,
    undeliveredEvents: findings.undeliveredEvents,
    readinessWentFalse: timeline.readinessWentFalse,
    restartsDuringFault: timeline.restartsDuringFault,
    timeToRecoverMs: timeline.timeToRecoverMs,
    notes: findings.notes,
  };
}

const COLUMNS: [string, (f: FaultFigures) => string][] = [
  ['fault', (f) => f.fault],
  ['attempted', (f) => String(f.attempted)],
  ['acknowledged', (f) => String(f.acknowledged)],
  ['lost', (f) => String(f.lost)],
  ['duplicated', (f) => String(f.duplicated)],
  ['left behind', (f) => String(f.leftBehind)],
  ['failed requests', (f) => `${f.failedRequests}/${f.requests} (${(f.failedRequestRate * 100).toFixed(2)} %)`],
  [
    'failure answers',
    (f) =>
      Object.entries(f.failedAttemptStatuses)
        .map(([status, n]) => `${status === '0' ? 'none' : status}×${n}`)
        .join(' ') || '—',
  ],
  ['writes given up', (f) => String(f.failedWrites)],
  ['counters off', (f) => String(f.counterMismatches.length)],
  ['undelivered', (f) => String(f.undeliveredEvents)],
  ['unready→ready', (f) => (f.readinessWentFalse ? 'yes' : 'no')],
  ['restarts', (f) => String(f.restartsDuringFault)],
  ['recovered in', (f) => (f.timeToRecoverMs === null ? 'never' : `${(f.timeToRecoverMs / 1000).toFixed(1)} s`)],
];

/** A plain-text table, one row per fault, for the terminal and the closing note. */
export function renderTable(rows: FaultFigures[]): string {
  const cells = [COLUMNS.map(([name]) => name), ...rows.map((r) => COLUMNS.map(([, cell]) => cell(r)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => (row[i] as string).length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [
    line(cells[0] as string[]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

/** The goals of issue 19: nothing acknowledged lost or doubled, nothing failed left behind, counts true. */
export function verdict(f: FaultFigures): string[] {
  const problems: string[] = [];
  if (f.lost > 0) problems.push(`${f.lost} acknowledged write(s) lost`);
  if (f.duplicated > 0) problems.push(`${f.duplicated} write(s) stored twice`);
  if (f.leftBehind > 0) problems.push(`${f.leftBehind} failed write(s) left rows behind`);
  if (f.counterMismatches.length > 0)
    problems.push(`counters differ from a recount: ${f.counterMismatches.join('; ')}`);
  if (f.undeliveredEvents > 0) problems.push(`${f.undeliveredEvents} outbox event(s) not delivered`);
  if (f.timeToRecoverMs === null) problems.push('the service did not recover');
  return problems;
}
