import { type FaultMode, FAULT_MODES as MODES } from '@carebridge/contracts';
import type { NextFunction, Request, Response } from 'express';

const PROBES = new Set(['/healthz', '/readyz']);

/**
 * Faults the lab injects into one replica to show (and test) what probes, retries and outlier
 * detection do: `slow` delays and `error` fails the replica's traffic (probes still pass, so only
 * the balancer's outlier detection can notice); `hang` stops answering anything, probes included
 * (liveness fails); `unready` fails only the readiness probe. Mounted only when LAB_FAULTS is set, which only the lab does. Controlled with
 * `PUT /lab/fault {"mode": "slow", "ms": 500}` on the replica's own port.
 */
export function labFaults(initial: FaultMode = 'none') {
  let mode: FaultMode = initial;
  let delayMs = 0;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path === '/lab/fault') {
      if (req.method === 'GET') {
        res.json({ mode, ms: delayMs });
        return;
      }
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        raw += chunk;
      });
      req.on('end', () => {
        try {
          const body = JSON.parse(raw || '{}') as { mode?: FaultMode; ms?: number };
          if (!body.mode || !MODES.includes(body.mode)) throw new Error(`mode must be one of ${MODES.join(', ')}`);
          mode = body.mode;
          delayMs = Math.max(0, Number(body.ms ?? 0));
          res.json({ mode, ms: delayMs });
        } catch (error) {
          res.status(400).json({ error: (error as Error).message });
        }
      });
      return;
    }
    if (mode === 'hang') return;
    if (mode === 'unready' && req.path === '/readyz') {
      res.status(503).json({ status: 'not ready', fault: 'unready' });
      return;
    }
    if (PROBES.has(req.path)) {
      next();
      return;
    }
    switch (mode) {
      case 'none':
      case 'unready':
        next();
        return;
      case 'slow':
        setTimeout(next, delayMs);
        return;
      case 'error':
        res
          .status(500)
          .type('application/problem+json')
          .send(
            JSON.stringify({
              type: 'urn:carebridge:problem:lab.fault',
              title: 'Internal Server Error',
              status: 500,
              detail: 'Fault injected by the lab.',
              key: 'LAB.FAULT',
            }),
          );
        return;
    }
  };
}
