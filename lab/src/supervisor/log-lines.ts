/** Turns a replica's JSON log line into one short readable line for the terminal. */
export function formatLogLine(replica: string, line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `[${replica}] ${line}`;
  }
  const { time, level, service, msg, context, requestId, ...rest } = entry;
  void time;
  void service;
  void requestId;
  if (msg === 'request') {
    return `[${replica}] ${rest.method} ${rest.path} ${rest.status} ${rest.durationMs}ms`;
  }
  const details = Object.entries(rest)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const tag = level === 'info' ? '' : `${String(level).toUpperCase()} `;
  return `[${replica}] ${tag}${context ? `${context}: ` : ''}${msg}${details ? ` ${details}` : ''}`;
}
