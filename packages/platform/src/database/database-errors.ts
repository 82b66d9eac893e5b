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
