import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAULT_MODES } from '@carebridge/contracts';
import { BALANCING_POLICIES, type BalancingPolicy } from '@carebridge/manifests';
import type { Cluster } from '../cluster.js';
import { problem } from '../http/problem.js';
import { controlAllowed } from './control-token.js';
import { readJson } from './json-body.js';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The lab's own API on the gateway, under /lab/api:
 * `GET state`, `GET history?since=`, `GET|POST load` `{level}`, `POST services/:name/replicas/:id/kill`,
 * `POST services/:name/replicas/:id/fault` `{mode, ms?}`, `POST services/:name/policy` `{policy}`,
 * `POST services/:name/autoscaler` `{mode: hpa|threshold|off}`, `POST services/:name/rollout` `{version?, broken?}`.
 * Reads are open; every write needs `Authorization: Bearer <the lab's token>` (401 otherwise).
 */
export function stateApi(cluster: Cluster) {
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (!path.startsWith('/lab/api/')) return false;
    if (!controlAllowed(req, cluster.controlToken)) {
      req.resume();
      problem(
        res,
        401,
        'LAB.TOKEN_REQUIRED',
        'Changing the lab needs the token it printed at start-up: Authorization: Bearer <token>.',
        undefined,
        { 'www-authenticate': 'Bearer realm="lab"' },
      );
      return true;
    }
    void handle(cluster, req, res, path.slice('/lab/api/'.length)).catch((error: Error) =>
      problem(res, 400, 'LAB.BAD_REQUEST', error.message),
    );
    return true;
  };
}

async function handle(cluster: Cluster, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  if (path === 'state' && req.method === 'GET') return json(res, 200, cluster.state());
  if (path.startsWith('history') && req.method === 'GET') {
    const since = Number(new URL(req.url ?? '', 'http://lab').searchParams.get('since') ?? 0);
    return json(res, 200, cluster.recorder.history(Number.isFinite(since) ? since : 0));
  }
  if (path === 'load' && req.method === 'GET') return json(res, 200, cluster.load?.status() ?? null);
  if (path === 'load' && req.method === 'POST') {
    const { level } = await readJson(req);
    const users = Number(level);
    if (!Number.isInteger(users) || users < 0 || users > 2_000)
      return problem(res, 400, 'LAB.BAD_LOAD', 'level must be a whole number of users from 0 to 2000.');
    if (!cluster.load) return problem(res, 409, 'LAB.NOT_READY', 'The lab is still starting.');
    cluster.log(`▸ load: ${users} users`);
    return json(res, 202, cluster.load.setLevel(users));
  }
  const parts = path.split('/');
  if (parts[0] !== 'services' || req.method !== 'POST')
    return problem(res, 404, 'LAB.NOT_FOUND', `No lab API at /lab/api/${path}.`);
  const service = cluster.services.get(parts[1] ?? '');
  if (!service) return problem(res, 404, 'LAB.NO_SUCH_SERVICE', `No service ${parts[1]}.`);

  if (parts[2] === 'policy' && parts.length === 3) {
    const { policy } = await readJson(req);
    if (!BALANCING_POLICIES.includes(policy as BalancingPolicy)) {
      return problem(res, 400, 'LAB.BAD_POLICY', `policy must be one of ${BALANCING_POLICIES.join(', ')}.`);
    }
    service.backend.policy = policy as BalancingPolicy;
    cluster.log(`⇄ ${service.spec.name}: balancing policy is now ${policy}`);
    return json(res, 200, { service: service.spec.name, policy });
  }

  if (parts[2] === 'autoscaler' && parts.length === 3) {
    const { mode } = await readJson(req);
    if (!['hpa', 'threshold', 'off'].includes(String(mode)))
      return problem(res, 400, 'LAB.BAD_AUTOSCALER', 'mode must be hpa, threshold or off.');
    cluster.setAutoscaling(service, mode as 'hpa' | 'threshold' | 'off');
    cluster.log(`⚙ ${service.spec.name}: autoscaling is now ${service.autoscaling}`);
    return json(res, 200, { service: service.spec.name, autoscaling: service.autoscaling });
  }

  if (parts[2] === 'rollout' && parts.length === 3) {
    const { version, broken } = await readJson(req);
    if (service.rollout?.phase === 'progressing')
      return problem(res, 409, 'LAB.ROLLOUT_IN_PROGRESS', `${service.spec.name} is already rolling out.`);
    const next =
      typeof version === 'string' && version ? version : String(Number(service.replicas.version) + 1 || Date.now());
    void cluster
      .rollout(service, next, broken === true)
      .catch((error: Error) => cluster.log(`! rollout failed: ${error.message}`));
    return json(res, 202, { service: service.spec.name, version: next });
  }

  if (parts[2] === 'replicas' && parts.length === 5) {
    const replica = service.replicas.find(parts[3] ?? '');
    if (!replica) return problem(res, 404, 'LAB.NO_SUCH_REPLICA', `No replica ${parts[3]} of ${service.spec.name}.`);
    if (parts[4] === 'kill') {
      cluster.log(`✗ ${replica.id}: killed from the lab API`);
      replica.crash();
      return json(res, 202, { killed: replica.id });
    }
    if (parts[4] === 'fault') {
      const { mode, ms } = await readJson(req);
      if (!(FAULT_MODES as readonly string[]).includes(String(mode)))
        return problem(res, 400, 'LAB.BAD_FAULT', `mode must be one of ${FAULT_MODES.join(', ')}.`);
      if (!replica.url) return problem(res, 409, 'LAB.REPLICA_NOT_RUNNING', `${replica.id} is not running.`);
      const answer = await fetch(`${replica.url}/lab/fault`, {
        method: 'PUT',
        body: JSON.stringify({ mode, ms: Number(ms ?? 0) }),
      });
      cluster.log(`⚡ ${replica.id}: fault ${mode}${ms ? ` ${ms} ms` : ''}`);
      return json(res, answer.status, { replica: replica.id, ...((await answer.json()) as object) });
    }
  }
  return problem(res, 404, 'LAB.NOT_FOUND', `No lab API at /lab/api/${path}.`);
}
