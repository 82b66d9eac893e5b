/** True when a write failed on a unique index, whatever the database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = (error as { driverError?: unknown })?.driverError ?? error;
  if (typeof e !== 'object' || e === null) return false;
  const { code, errno } = e as { code?: unknown; errno?: unknown };
  return (
    code === 'ER_DUP_ENTRY' ||
    errno === 1062 ||
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  // PostgreSQL: admin or crash shutdown, starting up, connection failures.
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  'SQLITE_BUSY',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Pool is closed|Can't add new command when connection is in closed state|database or disk is full|disk I\/O error/i;

/**
 * True when a query failed because the database is away (down, restarting, out of disk) rather than
 * because of the query: the request may succeed if sent again shortly.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM's PostgreSQL runner releases itself when its connection breaks mid-transaction; the
  // transaction's next statement then fails with this, not with the connection's error.
  if ((error as { name?: unknown })?.name === 'QueryRunnerAlreadyReleasedError') return true;
  const e = (error as { driverError?: unknown })?.driverError ?? error;
  if (typeof e !== 'object' || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR'))) return true;
  return typeof message === 'string' && UNREACHABLE_MESSAGES.test(message);
}

/** True when a statement gave up waiting for a row another transaction holds locked. */
export function isLockTimeout(error: unknown): boolean {
  const e = (error as { driverError?: unknown })?.driverError ?? error;
  const { code, errno } = (e ?? {}) as { code?: unknown; errno?: unknown };
  return code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1205 || code === '55P03';
}
