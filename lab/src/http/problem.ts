import type { ServerResponse } from 'node:http';

/**
 * The lab's one error shape, RFC 9457 application/problem+json with a stable `key`, as the services
 * answer: the gateway, the lab API and the watcher all send it.
 */
export function problem(
  res: ServerResponse,
  status: number,
  key: string,
  detail: string,
  requestId?: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    ...(requestId ? { 'x-request-id': requestId } : {}),
    ...(status === 503 ? { 'retry-after': '1' } : {}),
    ...headers,
  });
  res.end(
    JSON.stringify({
      type: `urn:carebridge:problem:${key.toLowerCase()}`,
      title: statusTitle(status),
      status,
      detail,
      key,
    }),
  );
}

function statusTitle(status: number): string {
  return (
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      404: 'Not Found',
      405: 'Method Not Allowed',
      409: 'Conflict',
      502: 'Bad Gateway',
      503: 'Service Unavailable',
      504: 'Gateway Timeout',
    }[status] ?? 'Error'
  );
}
