import type { IncomingMessage } from 'node:http';

const LIMIT = 64 * 1024;

export function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
      if (raw.length > LIMIT) req.destroy(new Error('body too large'));
    });
    req.on('end', () => {
      try {
        const value = JSON.parse(raw || '{}') as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new Error('The body must be a JSON object.'));
      }
    });
    req.on('error', reject);
  });
}
