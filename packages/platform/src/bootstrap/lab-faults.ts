import { type FaultMode, FAULT_MODES as MODES } from '@carebridge/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const PROBES = new Set(['/healthz', '/readyz']);

/**
 * Faults the lab injects into one replica to show (and test) what probes, retries and outlier
 * detection do: `slow` delays and `error` fails the replica's traffic (probes still pass, so only
 * the balancer's outlier detection can notice); `hang` stops answering anything, probes included
 * (liveness fails); `unready` fails only the readiness probe. Mounted only when LAB_FAULTS is set,
 * which only the lab does. Controlled with `PUT /lab/fault {"mode": "slow", "ms": 500}` on the
 * replica's own port, in any content type (the lab's fetch sends text/plain), so it is read here,
 * before the body parsers.
 */
export function labFaults(instance: FastifyInstance, initial: FaultMode = 'none'): void {
  let mode: FaultMode = initial;
  let delayMs = 0;
  const setFault = (request: FastifyRequest, reply: FastifyReply) => {
    let raw = '';
    request.raw.setEncoding('utf8');
    request.raw.on('data', (chunk: string) => {
      raw += chunk;
    });
    request.raw.on('end', () => {
      try {
        const body = JSON.parse(raw || '{}') as { mode?: FaultMode; ms?: number };
        if (!body.mode || !MODES.includes(body.mode)) throw new Error(`mode must be one of ${MODES.join(', ')}`);
        mode = body.mode;
        delayMs = Math.max(0, Number(body.ms ?? 0));
        void reply.send({ mode, ms: delayMs });
      } catch (error) {
        void reply.code(400).send({ error: (error as Error).message });
      }
    });
  };
  instance.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/lab/fault') {
      if (request.method === 'GET') void reply.send({ mode, ms: delayMs });
      else setFault(request, reply);
      return;
    }
    if (mode === 'hang') return;
    if (mode === 'unready' && path === '/readyz') {
      void reply.code(503).send({ status: 'not ready', fault: 'unready' });
      return;
    }
    if (PROBES.has(path)) {
      done();
      return;
    }
    switch (mode) {
      case 'none':
      case 'unready':
        done();
        return;
      case 'slow':
        setTimeout(done, delayMs);
        return;
      case 'error':
        void reply
          .code(500)
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
  });
}
