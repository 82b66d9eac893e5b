import { resolve } from 'node:path';

export interface ServiceDefinition {
  name: string;
  /** Compiled entry point, relative to the repository root. */
  entry: string;
  /** Public path prefixes routed to this service by the gateway. */
  routes: string[];
  readinessPath: string;
}

/** What `npm start` runs. Issue 6 derives this from the Kubernetes and Istio manifests. */
export const SERVICES: ServiceDefinition[] = [
  { name: 'auth', entry: 'services/auth/dist/src/main.js', routes: ['/api/auth'], readinessPath: '/readyz' },
];

export const REPO_ROOT = resolve(new URL('../../..', import.meta.url).pathname);
