#!/usr/bin/env node
// Builds the five images (auth, board, hospital, web, lab) from their real Dockerfiles with buildah,
// tagged with the commit. No registry is needed: the base images are local stand-ins (bases.mjs)
// passed with --build-arg; the Dockerfiles' defaults stay the pinned production bases.
//
//   npm run images                         build what is missing, print each image's size and time
//   node scripts/images/build.mjs --only web,lab --json
//   node scripts/images/build.mjs --context DIR --prefix localhost/x --only auth   (another tree)
//
// An image whose inputs (Dockerfile, build arguments, base image ids, the files it may COPY) hash the
// same as an image already built is reused, not rebuilt. Heavy: run it under the shared lock
// (`flock /tmp/carebridge-heavy.lock npm run images`); images build one at a time.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CACHE, ensureStandins } from './bases.mjs';
import { buildah, buildahAvailable, buildahStream, imageConfig, imageExists, withRootfs } from './buildah.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const SHARED_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.base.json', '.dockerignore'];

/** Each image: its Dockerfile, build arguments, and the folders its COPY lines read from. */
export function imagesOf(root) {
  const port = (service) =>
    /PORT: number = (\d+)/.exec(readFileSync(join(root, `services/${service}/src/config.ts`), 'utf8'))?.[1];
  // Exactly what the Dockerfiles COPY from the context (a change elsewhere reuses the image).
  const workspace = (dir) => [`${dir}/package.json`, `${dir}/tsconfig.json`, `${dir}/src`];
  const manifestsOnly = (dir) => [`${dir}/package.json`, `${dir}/tsconfig.json`];
  const service = (name) => ({
    name,
    dockerfile: 'services/Dockerfile',
    args: { SERVICE: name, PORT: port(name) },
    bases: ['NODE_IMAGE', 'RUNTIME_IMAGE'],
    inputs: [...workspace('packages/contracts'), ...workspace('packages/platform'), `services/${name}`],
  });
  return [
    service('auth'),
    service('board'),
    service('hospital'),
    {
      name: 'web',
      dockerfile: 'web/Dockerfile',
      args: {},
      bases: ['NODE_IMAGE', 'NGINX_IMAGE'],
      inputs: [...workspace('packages/contracts'), 'web'],
    },
    {
      name: 'lab',
      dockerfile: 'lab/Dockerfile',
      args: {},
      bases: ['NODE_IMAGE', 'RUNTIME_IMAGE'],
      inputs: [
        ...manifestsOnly('packages/contracts'),
        ...manifestsOnly('packages/platform'),
        ...workspace('packages/manifests'),
        ...workspace('lab'),
      ],
    },
  ];
}

function git(args, cwd) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** Tracked and untracked-but-not-ignored files under the image's inputs (what a clean clone holds). */
function inputFiles(root, image) {
  const paths = [image.dockerfile, ...SHARED_INPUTS, ...image.inputs];
  let listed;
  try {
    listed = git(['ls-files', '-co', '--exclude-standard', '--', ...paths], root).split('\n');
  } catch {
    listed = paths.flatMap((p) => walk(root, p)); // not a git work tree (a copy): every file but builds
  }
  return listed.filter((f) => f && existsSync(join(root, f)) && statSync(join(root, f)).isFile()).sort();
}

function walk(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .filter((name) => !['node_modules', 'dist', 'e2e-dist'].includes(name))
    .flatMap((name) => walk(root, join(path, name)));
}

function inputsHash(root, image, baseArgs) {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ args: image.args, bases: baseArgs }));
  for (const file of inputFiles(root, image)) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest('hex').slice(0, 20);
}

const sizeInMb = (ref) => {
  const [value, unit] = buildah(['images', '--format', '{{.Size}}', ref]).split('\n')[0].split(/\s+/);
  const factor = { B: 1e-6, KB: 1e-3, kB: 1e-3, MB: 1, GB: 1e3 }[unit] ?? 1;
  return Math.round(Number(value) * factor);
};

/** Thrown when a build fails: names the image and the step that failed. */
export class ImageBuildError extends Error {}

async function buildOne(root, image, baseArgs, refs, logDir) {
  const buildArgs = { ...baseArgs, ...image.args };
  const logFile = join(logDir, `${image.name}.log`);
  const logStream = createWriteStream(logFile);
  const started = Date.now();
  let lastStep = '(before the first step)';
  const args = ['build', '--isolation', 'chroot', '--pull-never', '--layers=false', '-f', join(root, image.dockerfile)];
  for (const [k, v] of Object.entries(buildArgs)) args.push('--build-arg', `${k}=${v}`);
  for (const ref of refs) args.push('-t', ref);
  args.push(root);
  const { code, lines } = await buildahStream(args, (line) => {
    logStream.write(`${line}\n`);
    if (/STEP \d+\/\d+:/.test(line)) {
      lastStep = line.trim();
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(`    ${image.name} ${String(seconds).padStart(4)}s  ${lastStep.slice(0, 150)}\n`);
    }
  });
  await new Promise((done) => logStream.end(done));
  if (code !== 0) {
    const stepAt = lines.findLastIndex((l) => l.trim() === lastStep);
    // The failing command's first lines name the error; its last lines, buildah's verdict.
    const after = lines.slice(stepAt + 1).filter((l) => l.trim());
    const output = (after.length > 16 ? [...after.slice(0, 8), '…', ...after.slice(-6)] : after).join('\n');
    throw new ImageBuildError(
      `image ${image.name} (${image.dockerfile}) failed at step "${lastStep}":\n${output}\n(full log: ${logFile})`,
    );
  }
  await checkBuilt(image, refs[0]);
  return (Date.now() - started) / 1000;
}

/** What a build cannot see by itself: a shell-form CMD on a base without a shell never starts. */
async function checkBuilt(image, ref) {
  const config = imageConfig(ref);
  const shellForm = (config.Cmd ?? [])[0] === '/bin/sh' || (config.Entrypoint ?? [])[0] === '/bin/sh';
  if (!shellForm) return;
  const hasShell = await withRootfs(ref, (rootfs) => existsSync(join(rootfs, 'bin/sh')));
  if (!hasShell) {
    buildah(['rmi', '-f', config.id]);
    throw new ImageBuildError(
      `image ${image.name} (${image.dockerfile}) failed at step "CMD ${JSON.stringify(config.Cmd)}": ` +
        'a shell-form CMD needs /bin/sh, which the distroless base does not have; write it in exec form (CMD ["..."])',
    );
  }
}

/** Earlier builds of the image (other inputs) only fill the disk: the current one replaces them. */
function removeEarlierBuilds(repository, keepId) {
  for (const image of JSON.parse(buildah(['images', '--json']) || '[]')) {
    const ours = (image.names ?? []).some((n) => n.startsWith(`${repository}:`));
    if (ours && !keepId.startsWith(image.id)) buildah(['rmi', '-f', image.id]);
  }
}

export async function buildImages({ root = ROOT, only, prefix = 'localhost/carebridge', reuse = true } = {}) {
  if (!buildahAvailable()) throw new Error('buildah is not installed (apt-get install buildah)');
  const commit = git(['rev-parse', '--short', 'HEAD'], ROOT);
  const logDir = join(CACHE, 'logs');
  mkdirSync(logDir, { recursive: true });
  process.stdout.write('Base images (local stand-ins of the production bases, cached):\n');
  const standins = ensureStandins();
  const baseIds = Object.fromEntries(Object.entries(standins).map(([k, ref]) => [k, `${ref}@${imageConfig(ref).id}`]));
  const results = [];
  for (const image of imagesOf(root).filter((i) => !only || only.includes(i.name))) {
    const baseArgs = Object.fromEntries(image.bases.map((b) => [b, standins[b]]));
    const hash = inputsHash(root, image, Object.fromEntries(image.bases.map((b) => [b, baseIds[b]])));
    const ref = `${prefix}/${image.name}:${commit}`;
    const hashRef = `${prefix}/${image.name}:inputs-${hash}`;
    let seconds = 0;
    const cached = reuse && imageExists(hashRef);
    if (cached) {
      buildah(['tag', hashRef, ref]);
    } else {
      process.stdout.write(`▶ ${image.name}: building ${image.dockerfile}\n`);
      seconds = await buildOne(root, image, baseArgs, [hashRef, ref], logDir);
      removeEarlierBuilds(`${prefix}/${image.name}`, imageConfig(hashRef).id);
    }
    const result = {
      name: image.name,
      ref,
      hashRef,
      dockerfile: image.dockerfile,
      sizeMb: sizeInMb(ref),
      base: standins[image.bases.at(-1)],
      baseSizeMb: sizeInMb(standins[image.bases.at(-1)]),
      seconds,
      cached,
    };
    results.push(result);
    process.stdout.write(
      `✔ ${image.name.padEnd(8)} ${ref.padEnd(40)} ${String(result.sizeMb).padStart(4)} MB  ${cached ? 'reused (same inputs)' : `built in ${seconds.toFixed(0)}s`}\n`,
    );
  }
  return { commit, images: results };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname;
if (isMain) {
  const argv = process.argv.slice(2);
  const option = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const started = Date.now();
  try {
    const summary = await buildImages({
      root: option('--context') ? resolve(option('--context')) : ROOT,
      only: option('--only')?.split(','),
      prefix: option('--prefix') ?? 'localhost/carebridge',
      reuse: !argv.includes('--rebuild'),
    });
    process.stdout.write(`⏱  images: ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(summary)}\n`);
  } catch (error) {
    process.stderr.write(`✘ ${error.message}\n`);
    process.exit(1);
  }
}
