// The production base images (the Dockerfiles' ARG defaults, pinned by tag and digest) and the
// versions of the local stand-ins built from Debian's and npm's registries when no container
// registry is reachable. One place: the Dockerfiles' defaults are checked against it.
export const PRODUCTION_BASES = {
  NODE_IMAGE: 'node:22.21-bookworm-slim@sha256:f9f7f95dcf1f007b007c4dcd44ea8f7773f931b71dc79d57c216e731c87a090b',
  RUNTIME_IMAGE:
    'gcr.io/distroless/nodejs22-debian12:nonroot@sha256:13593b7570658e8477de39e2f4a1dd25db2f836d68a0ba771251572d23bb4f8e',
  NGINX_IMAGE:
    'nginxinc/nginx-unprivileged:1.27.3-alpine@sha256:9e7238f579a54582263a960d1b0094b4a3ecce641342eda3f8e2ff82b1703d2b',
};

/** Node of the production major (22) from the npm package that carries the official binaries. */
export const NODE_VERSION = '22.21.1';
/** The npm that Node 22.21.1 bundles (the official image ships it under /usr/local/lib/node_modules). */
export const NPM_VERSION = '10.9.4';
export const DEBIAN_SUITE = 'bookworm';
export const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
/** Bump to rebuild every stand-in (the recipe changed). */
export const RECIPE = 1;
