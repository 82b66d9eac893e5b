import { resolve } from 'node:path';

/** What a service may learn about the running stack when it starts. */
export interface StackContext {
  /** Base URL of the gateway, e.g. `http://127.0.0.1:8080`. */
  gatewayUrl: string;
  /** Base URL of a service that started before this one. */
  urlOf(service: string): string;
}

export interface ServiceDefinition {
  name: string;
  /** Compiled entry point, relative to the repository root. */
  entry: string;
  /** Public path prefixes routed to this service by the gateway. */
  routes: string[];
  readinessPath: string;
  /** Services that must be running first (their URLs go into this one's environment). */
  after?: string[];
  env?: (stack: StackContext) => Record<string, string>;
}

const jwksViaGateway = (stack: StackContext) => ({
  AUTH_JWKS_URL: `${stack.gatewayUrl}/api/auth/.well-known/jwks.json`,
});

/** What `npm start` runs. Issue 6 derives this from the Kubernetes and Istio manifests. */
export const SERVICES: ServiceDefinition[] = [
  {
    name: 'board',
    entry: 'services/board/dist/src/main.js',
    routes: ['/api/board'],
    readinessPath: '/readyz',
    env: jwksViaGateway,
  },
  {
    name: 'auth',
    entry: 'services/auth/dist/src/main.js',
    routes: ['/api/auth'],
    readinessPath: '/readyz',
    after: ['board'],
    env: (stack) => ({ ACCOUNT_ERASURE_URLS: [stack.urlOf('board')].join(',') }),
  },
];

export const REPO_ROOT = resolve(new URL('../../..', import.meta.url).pathname);
