import { resolve } from 'node:path';

/** How to run a service on this machine: the manifests say how many and how; this says what. */
export interface LocalLaunch {
  /** Compiled entry point, relative to the repository root. */
  entry: string;
  /** Environment pointing at the other services' in-cluster addresses (as cluster DNS would). */
  env: (cluster: { addressOf(service: string): string | undefined }) => Record<string, string>;
}

/** Where token consumers find the signing keys; absent when the lab runs without the auth service. */
const jwks = (cluster: { addressOf(service: string): string | undefined }): Record<string, string> => {
  const auth = cluster.addressOf('auth');
  return auth ? { AUTH_JWKS_URL: `${auth}/api/auth/.well-known/jwks.json` } : {};
};

export const LOCAL_LAUNCH: Record<string, LocalLaunch> = {
  auth: {
    entry: 'services/auth/dist/src/main.js',
    env: (cluster) => ({
      ACCOUNT_ERASURE_URLS: ['board', 'hospital']
        .map((s) => cluster.addressOf(s))
        .filter(Boolean)
        .join(','),
      HOSPITAL_INTERNAL_URL: cluster.addressOf('hospital') ?? '',
    }),
  },
  board: { entry: 'services/board/dist/src/main.js', env: jwks },
  hospital: { entry: 'services/hospital/dist/src/main.js', env: jwks },
};

export const REPO_ROOT = resolve(new URL('../../..', import.meta.url).pathname);
