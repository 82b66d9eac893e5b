import { Agent, request } from 'node:http';

/** One request of a load run, relative to the target's base URL. */
export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, e.g. `/api/board/posts?limit=20`. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LoadResponse {
  status: number;
  /** The parsed JSON answer, when asked for and the answer was JSON. */
  body?: unknown;
}

/** Sends one request; rejects on a network failure or timeout. */
export type Transport = (req: LoadRequest, options: { readBody: boolean; timeoutMs: number }) => Promise<LoadResponse>;

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);
/** Bodies larger than this are not parsed (they are still read to the end). */
const MAX_PARSED_BODY = 1024 * 1024;

/** The load generator only ever targets this machine. Throws for anything else. */
export function loopbackUrl(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`The load target must be a URL, got ${JSON.stringify(target)}.`);
  }
  if (url.protocol !== 'http:') throw new Error(`The load target must be http://, got ${url.protocol}`);
  const host = url.hostname;
  if (!LOOPBACK_HOSTS.has(host) && !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) {
    throw new Error(`The load generator only targets this machine (localhost, 127.x, ::1); ${host} is not allowed.`);
  }
  return url;
}

/**
 * HTTP/1.1 over a keep-alive agent of its own. A GET that fails with a reset on a reused connection
 * (the server closed an idle keep-alive connection just as it was reused) is sent once more, as
 * browsers do: that failure says nothing about the service.
 */
export function httpTransport(target: string, maxSockets = 1024): { send: Transport; close(): void } {
  const base = loopbackUrl(target);
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: 256 });
  const prefix = base.pathname.replace(/\/$/, '');

  const once = (req: LoadRequest, readBody: boolean, timeoutMs: number) =>
    new Promise<LoadResponse & { reused?: boolean }>((resolve, reject) => {
      const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
      const headers: Record<string, string | number> = { accept: 'application/json', ...req.headers };
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = payload.length;
      }
      const outgoing = request(
        {
          agent,
          host: base.hostname.replace(/^\[|\]$/g, ''),
          port: base.port || 80,
          method: req.method,
          path: prefix + req.path,
          headers,
          timeout: timeoutMs,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const json = readBody && /json/.test(String(res.headers['content-type'] ?? ''));
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (!json) return;
            size += chunk.length;
            if (size <= MAX_PARSED_BODY) chunks.push(chunk);
          });
          res.on('end', () => {
            clearTimeout(deadline);
            let body: unknown;
            if (json && size <= MAX_PARSED_BODY) {
              try {
                body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              } catch {
                body = undefined;
              }
            }
            resolve({ status, body });
          });
          res.on('error', (error) => {
            clearTimeout(deadline);
            reject(error);
          });
        },
      );
      // The socket timeout only sees idleness; this bounds the whole exchange.
      const deadline = setTimeout(() => outgoing.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      outgoing.on('timeout', () => outgoing.destroy(new Error(`timed out after ${timeoutMs} ms`)));
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(deadline);
        Object.assign(error, { reusedSocket: outgoing.reusedSocket });
        reject(error);
      });
      outgoing.end(payload);
    });

  const send: Transport = async (req, { readBody, timeoutMs }) => {
    const started = performance.now();
    try {
      return await once(req, readBody, timeoutMs);
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { reusedSocket?: boolean };
      const left = timeoutMs - (performance.now() - started);
      if (req.method === 'GET' && e.reusedSocket && e.code === 'ECONNRESET' && left > 0) {
        return once(req, readBody, left);
      }
      throw error;
    }
  };
  return { send, close: () => agent.destroy() };
}
