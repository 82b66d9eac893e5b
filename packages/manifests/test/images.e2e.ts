// The five images, built from the real Dockerfiles with buildah (scripts/images/build.mjs, the same
// build as `npm run images`) and run with runc as a pod runs them: the image's user, a read-only root
// filesystem, no capabilities. With CI=true a missing buildah or runc fails; elsewhere it skips.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkBuiltImage, factsOfImageConfig, IMAGES } from '../src/code-checks.js';
import type { Resource } from '../src/documents.js';
import { formatProblem } from '../src/problem.js';
import { loadApplied } from '../src/repository.js';
import {
  buildah,
  freePort,
  hasCommand,
  imageConfig,
  mountImage,
  type Running,
  runImage,
  runToExit,
  uidOf,
  waitFor,
} from './support/containers.js';
import { forbiddenFiles, installedPackages, productionClosure } from './support/image-files.js';

const ROOT = resolve(new URL('../../../..', import.meta.url).pathname);
const CI = process.env.CI === 'true';
const missing = ['buildah', 'runc', 'nsenter', 'ip', 'curl', 'openssl', 'mariadb', 'psql'].filter(
  (c) => !hasCommand(c),
);
/** Uncompressed, as `buildah images` reports them (MB). The web image is budgeted above its base. */
const BUDGET_MB: Record<string, number> = { auth: 200, board: 200, hospital: 200, lab: 220 };
const WEB_ABOVE_BASE_MB = 10;

interface Built {
  name: string;
  ref: string;
  dockerfile: string;
  sizeMb: number;
  base: string;
  baseSizeMb: number;
  seconds: number;
  cached: boolean;
}

/** Runs the image build script; returns its summary, or its exit code and error output. */
function buildImages(args: string[] = []): { code: number; stderr: string; images: Built[] } {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/images/build.mjs'), '--json', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = result.stdout.trim().split('\n');
  const summary = result.status === 0 ? (JSON.parse(lines.pop() ?? '{}') as { images: Built[] }) : { images: [] };
  for (const line of lines) if (/^(✔|⏱|▶)/.test(line)) console.log(`  ${line}`);
  return { code: result.status ?? 1, stderr: result.stderr, images: summary.images };
}

/** The suites' database servers (README, "Running the tests"), overridable as the other suites' are. */
const SERVERS = {
  mysql: new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306'),
  mariadb: new URL(process.env.TEST_MARIADB_URL ?? 'mariadb://root@127.0.0.1:3306'),
  postgres: new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'),
};
type Server = keyof typeof SERVERS;

function sql(server: Server, query: string, db?: string): string {
  const url = SERVERS[server];
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (server === 'postgres') {
    const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', user, '-d', db ?? 'postgres', '-Atc', query];
    return execFileSync('psql', args, { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password } }).trim();
  }
  const args = ['-h', url.hostname, '-P', url.port || '3306', '-u', user, ...(db ? ['-D', db] : []), '-N', '-e', query];
  return execFileSync('mariadb', args, { encoding: 'utf8', env: { ...process.env, MYSQL_PWD: password } }).trim();
}

function reachable(server: Server): boolean {
  try {
    sql(server, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** The service's DATABASE_URL for a database on the server (the scheme the Deployment uses). */
function databaseUrl(server: Server, db: string): string {
  const url = new URL(SERVERS[server].href);
  url.pathname = `/${db}`;
  return url.href;
}

const SERVICES = [
  { name: 'auth', server: 'mysql', label: 'MariaDB as MySQL' },
  { name: 'board', server: 'mariadb', label: 'MariaDB' },
  { name: 'hospital', server: 'postgres', label: 'PostgreSQL' },
] as const;

if (missing.length > 0 && CI) {
  it('images: buildah, runc and the tools the image tests drive are installed (CI=true)', () => {
    assert.fail(
      `missing: ${missing.join(', ')} (apt-get install buildah runc debootstrap util-linux iproute2 curl openssl)`,
    );
  });
}

describe('images, built with buildah and run with runc', {
  skip: missing.length > 0 && !CI && `no ${missing.join(', ')}`,
}, () => {
  const built = new Map<string, Built>();
  let applied: Resource[];

  before(
    () => {
      const started = Date.now();
      const result = buildImages();
      assert.equal(result.code, 0, result.stderr);
      for (const image of result.images) built.set(image.name, image);
      console.log(`  images ready in ${((Date.now() - started) / 1000).toFixed(0)}s`);
      applied = loadApplied(ROOT);
    },
    { timeout: 40 * 60_000 },
  );

  it('builds all five images from the real Dockerfiles, each within its size budget', () => {
    assert.deepEqual([...built.keys()].sort(), ['auth', 'board', 'hospital', 'lab', 'web']);
    for (const image of built.values()) {
      console.log(
        `  ${image.name.padEnd(8)} ${String(image.sizeMb).padStart(4)} MB (base ${image.baseSizeMb} MB)  ${image.cached ? 'reused' : `built in ${image.seconds.toFixed(0)}s`}`,
      );
      if (image.name === 'web') {
        assert.ok(
          image.sizeMb - image.baseSizeMb <= WEB_ABOVE_BASE_MB,
          `web adds ${image.sizeMb - image.baseSizeMb} MB to nginx`,
        );
      } else {
        assert.ok(
          image.sizeMb <= (BUDGET_MB[image.name] ?? 0),
          `${image.name} is ${image.sizeMb} MB, budget ${BUDGET_MB[image.name]} MB`,
        );
      }
    }
  });

  it("agree with the Deployments: user, port and entry point from the built image's config", () => {
    const problems: string[] = [];
    for (const image of IMAGES) {
      const ref = built.get(image.name)?.ref as string;
      const mounted = mountImage(ref);
      try {
        const facts = factsOfImageConfig(imageConfig(ref));
        problems.push(
          ...checkBuiltImage(ROOT, applied, image, ref, facts, (path) => existsSync(join(mounted.root, path))).map(
            (p) => formatProblem(p),
          ),
        );
      } finally {
        mounted.release();
      }
    }
    assert.deepEqual(problems, []);
  });

  it('contain no devDependencies, TypeScript, tests, .git, .data or keys', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    const problems: string[] = [];
    for (const image of IMAGES) {
      const ref = built.get(image.name)?.ref as string;
      const mounted = mountImage(ref);
      try {
        const dirs = image.kind === 'nginx' ? ['usr/share/nginx/html', 'etc/nginx'] : ['app'];
        problems.push(...forbiddenFiles(mounted.root, dirs).map((p) => `${image.name}: ${p}`));
        if (image.kind === 'nginx') continue;
        const workspace = image.kind === 'lab' ? 'lab' : `services/${image.name}`;
        const closure = productionClosure(lock, workspace);
        const extra = installedPackages(join(mounted.root, 'app')).filter((p) => !closure.has(p));
        problems.push(...extra.map((p) => `${image.name}: ${p} is not a production dependency of ${workspace}`));
        if (existsSync(join(mounted.root, 'bin/sh'))) problems.push(`${image.name}: has a shell (/bin/sh)`);
      } finally {
        mounted.release();
      }
    }
    assert.deepEqual(problems, []);
  });

  for (const service of SERVICES) {
    const down = !reachable(service.server);
    if (down && !CI)
      console.log(
        `!!! images: ${service.label} is not reachable at ${SERVERS[service.server].host}: ${service.name} DID NOT RUN`,
      );
    it(`${service.name} runs as 65532 on a read-only root, answers /healthz, then /readyz on ${service.label} after migrating inside the container`, {
      skip: down && !CI && `${service.label} is not reachable`,
    }, async () => {
      const ref = built.get(service.name)?.ref as string;
      const db = `images_${service.name}_${randomBytes(4).toString('hex')}`;
      sql(service.server, `CREATE DATABASE ${db}`);
      const port = await freePort();
      const env: Record<string, string> = { PORT: String(port), DATABASE_URL: databaseUrl(service.server, db) };
      if (service.name === 'auth') {
        // The image's own key generator (a CLI shipped in it) makes the signing keys.
        const keys = await runToExit(ref, { args: ['dist/src/cli/keys-generate.js'] });
        assert.equal(keys.code, 0, keys.output);
        env.JWT_KEYS = keys.output.trim();
      }
      let container: Running | undefined;
      try {
        const started = Date.now();
        container = await runImage(ref, { env });
        const running = container;
        const url = `http://127.0.0.1:${port}`;
        await waitFor(`${service.name} /healthz`, 60, async () =>
          (await fetch(`${url}/healthz`)).ok ? true : undefined,
        ).catch((error: Error) => assert.fail(`${error.message}\n${running.output()}`));
        const healthy = Date.now() - started;
        await waitFor(`${service.name} /readyz`, 60, async () =>
          (await fetch(`${url}/readyz`)).status === 200 ? true : undefined,
        ).catch((error: Error) => assert.fail(`${error.message}\n${running.output()}`));
        console.log(`  ${service.name}: /healthz after ${healthy} ms, /readyz after ${Date.now() - started} ms`);
        assert.equal(uidOf(container.pid), 65532, 'the process runs as nonroot');
        const write = container.exec(['/nodejs/bin/node', '-e', "require('fs').writeFileSync('/app/probe', 'x')"]);
        assert.notEqual(write.status, 0);
        assert.match(write.output, /EROFS|read-only file system/i);
        const tmp = container.exec(['/nodejs/bin/node', '-e', "require('fs').writeFileSync('/tmp/probe', 'x')"]);
        assert.equal(tmp.status, 0, tmp.output);
        const migrations = sql(service.server, 'SELECT COUNT(*) FROM schema_migrations', db);
        assert.ok(Number(migrations) > 0, `the container ran the migrations (${migrations} recorded)`);
      } finally {
        await container?.stop();
        sql(service.server, `DROP DATABASE IF EXISTS ${db}${service.server === 'postgres' ? ' WITH (FORCE)' : ''}`);
      }
    });
  }

  it('web: nginx serves the app with its security headers and the precompressed assets, as 101 on a read-only root', async () => {
    const ref = built.get('web')?.ref as string;
    // nginx listens on 8080 as in the pod: in a network namespace of its own, reached through nsenter.
    const container = await runImage(ref, { ownNetwork: true });
    try {
      container.inNetwork(['ip', 'link', 'set', 'lo', 'up']);
      const curl = (path: string, ...args: string[]) =>
        container.inNetwork(['curl', '-sS', '-D', '-', '-o', '/dev/null', ...args, `http://127.0.0.1:8080${path}`]);
      const index = await waitFor('web /', 30, async () => {
        try {
          return curl('/');
        } catch {
          return undefined;
        }
      });
      assert.match(index, /^HTTP\/1\.1 200/);
      assert.match(index, /content-security-policy: default-src 'self'/i);
      assert.match(index, /x-content-type-options: nosniff/i);
      assert.match(index, /referrer-policy: strict-origin-when-cross-origin/i);
      assert.match(curl('/healthz'), /^HTTP\/1\.1 200/);
      // The build wrote a .gz beside each larger asset; nginx sends it as is (gzip_static).
      const html = container.inNetwork(['curl', '-sS', 'http://127.0.0.1:8080/']);
      const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
      const mounted = mountImage(ref);
      const compressed = scripts.find((s) => existsSync(join(mounted.root, 'usr/share/nginx/html', `${s}.gz`)));
      mounted.release();
      assert.ok(compressed, `index.html loads a precompressed asset (of ${scripts.join(', ')})`);
      const asset = curl(compressed, '-H', 'Accept-Encoding: gzip');
      assert.match(asset, /content-encoding: gzip/i);
      assert.match(asset, /cache-control: public, max-age=31536000, immutable/i);
      assert.match(curl('/hospitals/some-route'), /^HTTP\/1\.1 200/, 'client-side routes get index.html');
      assert.equal(uidOf(container.pid), 101);
    } finally {
      await container.stop();
    }
  });

  it("lab: the watcher's real entry point runs from the image without devDependencies", async () => {
    const ref = built.get('lab')?.ref as string;
    const help = await runToExit(ref, { args: ['lab/dist/src/cli/main.js', '--help'] });
    assert.equal(help.code, 0, help.output);
    assert.match(help.output, /npm run lab -- watch/);
    // As the Deployment runs it (its args, on a port of our own), with the in-cluster configuration a
    // pod gets: the service-account files and KUBERNETES_SERVICE_HOST. The API server address is closed,
    // so the watcher serves its probes and shows the failed connection rather than crashing.
    const deployment = applied.find((r) => r.kind === 'Deployment' && r.name === 'lab');
    assert.ok(deployment, 'a Deployment runs the lab');
    const spec = deployment.object.spec as { template: { spec: { containers: { args?: string[] }[] } } };
    const args = spec.template.spec.containers[0]?.args ?? [];
    const account = mkdtempSync(join(tmpdir(), 'carebridge-sa-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=test-cluster-ca',
        '-keyout',
        join(account, 'ca.key'),
        '-out',
        join(account, 'ca.crt'),
      ],
      { stdio: 'ignore' },
    );
    rmSync(join(account, 'ca.key'));
    writeFileSync(join(account, 'token'), 'not-a-real-token');
    writeFileSync(join(account, 'namespace'), 'carebridge');
    // As a projected volume: readable by the pod's user (mkdtemp makes the folder 0700).
    chmodSync(account, 0o755);
    for (const file of ['ca.crt', 'token', 'namespace']) chmodSync(join(account, file), 0o644);
    const closed = await freePort();
    const port = await freePort();
    const withPort = args.map((a, i) => (args[i - 1] === '--port' ? String(port) : a));
    const watch = await runImage(ref, {
      args: withPort,
      env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(closed) },
      mounts: [{ source: account, destination: '/var/run/secrets/kubernetes.io/serviceaccount' }],
    });
    try {
      await waitFor('lab /healthz', 30, async () =>
        (await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined,
      ).catch((error: Error) => assert.fail(`${error.message}\n${watch.output()}`));
      assert.equal(uidOf(watch.pid), 65532);
    } finally {
      await watch.stop();
      rmSync(account, { recursive: true, force: true });
    }
  });

  describe('a broken Dockerfile fails the build, naming the image and the step', () => {
    let context: string;
    before(() => {
      context = mkdtempSync(join(tmpdir(), 'carebridge-broken-'));
      const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
        .split('\n')
        .filter((f) => f && !/^(k8s|istio|metallb|docs|web|\.ci)\//.test(f) && existsSync(join(ROOT, f)));
      for (const file of files) {
        mkdirSync(dirname(join(context, file)), { recursive: true });
        cpSync(join(ROOT, file), join(context, file));
      }
    });
    after(() => {
      rmSync(context, { recursive: true, force: true });
      const images = JSON.parse(buildah(['images', '--json'])) as { id: string; names?: string[] }[];
      for (const image of images) {
        if (image.names?.some((n) => n.startsWith('localhost/carebridge-broken/'))) buildah(['rmi', '-f', image.id]);
      }
    });
    const edit = (file: string, from: string | RegExp, to: string) => {
      const path = join(context, file);
      const text = readFileSync(path, 'utf8');
      const changed = text.replace(from, to);
      assert.notEqual(changed, text, `${file} contains ${from}`);
      writeFileSync(path, changed);
      return () => writeFileSync(path, text);
    };
    const buildBroken = (name: string) =>
      buildImages(['--context', context, '--prefix', 'localhost/carebridge-broken', '--only', name]);

    it('a wrong COPY path', () => {
      const restore = edit(
        'services/Dockerfile',
        'COPY packages/platform/package.json',
        'COPY packages/platfrom/package.json',
      );
      try {
        const result = buildBroken('board');
        assert.equal(result.code, 1);
        assert.match(
          result.stderr,
          /image board \(services\/Dockerfile\) failed at step "\[1\/3\] STEP \d+\/\d+: COPY packages\/platfrom\/package\.json/,
        );
      } finally {
        restore();
      }
    });

    it('a production dependency missing (imported, but declared for development only)', () => {
      const restore = edit(
        'services/auth/src/app.module.ts',
        /^/,
        "import { SMTPServer } from 'smtp-server';\nexport const brokenOnPurpose = SMTPServer;\n",
      );
      try {
        const result = buildBroken('auth');
        assert.equal(result.code, 1);
        assert.match(
          result.stderr,
          /image auth \(services\/Dockerfile\) failed at step "\[3\/3\] STEP \d+\/\d+: RUN \["\/nodejs\/bin\/node"/,
        );
        assert.match(result.stderr, /Cannot find package 'smtp-server'/);
      } finally {
        restore();
      }
    });

    it('a shell-form CMD on the distroless base', () => {
      const restore = edit(
        'lab/Dockerfile',
        'CMD ["lab/dist/src/cli/main.js", "watch"]',
        'CMD node lab/dist/src/cli/main.js watch',
      );
      try {
        const result = buildBroken('lab');
        assert.equal(result.code, 1);
        assert.match(result.stderr, /image lab \(lab\/Dockerfile\) failed at step "CMD \[\\?"\/bin\/sh/);
        assert.match(result.stderr, /exec form/);
      } finally {
        restore();
      }
    });
  });
});
