// Thin wrappers around the buildah CLI: chroot isolation (no daemon, no nested namespaces needed),
// and the storage driver from CAREBRIDGE_BUILDAH_DRIVER when set (e.g. `vfs` where overlay fails).
import { execFileSync, spawn } from 'node:child_process';

const driver = process.env.CAREBRIDGE_BUILDAH_DRIVER;
export const GLOBAL_FLAGS = driver ? ['--storage-driver', driver] : [];

/** Runs buildah and returns its standard output (trimmed); throws with its standard error. */
export function buildah(args, { input } = {}) {
  try {
    return execFileSync('buildah', [...GLOBAL_FLAGS, ...args], {
      encoding: 'utf8',
      input,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    }).trim();
  } catch (error) {
    const stderr = String(error.stderr ?? '').trim();
    throw new Error(`buildah ${args.slice(0, 2).join(' ')} failed: ${stderr.split('\n').slice(-5).join('\n')}`);
  }
}

/** Runs buildah, passing each output line to `onLine`; resolves with the exit code and every line. */
export function buildahStream(args, onLine) {
  return new Promise((resolve, reject) => {
    const child = spawn('buildah', [...GLOBAL_FLAGS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = [];
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) {
          lines.push(line);
          onLine(line);
        }
      });
      stream.on('end', () => {
        if (rest) {
          lines.push(rest);
          onLine(rest);
        }
      });
    }
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, lines }));
  });
}

export function imageExists(ref) {
  try {
    buildah(['inspect', '--type', 'image', '--format', '{{.FromImageID}}', ref]);
    return true;
  } catch {
    return false;
  }
}

/** The OCI config of an image: Entrypoint, Cmd, User, WorkingDir, Env, ExposedPorts, Labels. */
export function imageConfig(ref) {
  const info = JSON.parse(buildah(['inspect', '--type', 'image', ref]));
  return { id: info.FromImageID, ...info.OCIv1.config, history: info.OCIv1.history ?? [] };
}

/** Mounts a fresh working container of the image and passes its root folder; removes it after. */
export async function withRootfs(ref, fn) {
  const container = buildah(['from', '--pull-never', '-q', ref]);
  try {
    const root = buildah(['mount', container]);
    return await fn(root);
  } finally {
    buildah(['rm', container]);
  }
}

export function buildahAvailable() {
  try {
    execFileSync('buildah', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
