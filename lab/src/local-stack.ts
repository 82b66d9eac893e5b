import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Gateway } from './gateway/gateway.js';
import { StaticFiles } from './gateway/static-files.js';
import { REPO_ROOT, type ServiceDefinition, type StackContext } from './services.js';
import { formatLogLine } from './supervisor/log-lines.js';
import { Replica } from './supervisor/replica.js';

export interface LocalStackOptions {
  services: ServiceDefinition[];
  port: number;
  dataDir: string;
  /** Extra environment for every service, e.g. LOG_LEVEL. */
  env?: Record<string, string>;
  /** The built web app served at `/` (default: web/dist). */
  webRoot?: string;
  log?: (line: string) => void;
}

export interface RunningStack {
  port: number;
  replicas: Map<string, Replica>;
  stop(): Promise<void>;
}

/**
 * Starts the gateway, then every service (one replica each for now) in dependency order, each
 * with its own data folder and a service credential shared by all of them for this run.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<RunningStack> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const replicas = new Map<string, Replica>();
  const gateway = new Gateway(
    options.services.flatMap((service) =>
      service.routes.map((prefix) => ({
        prefix,
        backend: {
          name: service.name,
          readyUrls: () => {
            const replica = replicas.get(service.name);
            return replica?.ready && replica.url ? [replica.url] : [];
          },
        },
      })),
    ),
    new StaticFiles(options.webRoot ?? join(REPO_ROOT, 'web', 'dist')),
  );
  const port = await gateway.listen(options.port);
  const stack: StackContext = {
    gatewayUrl: `http://127.0.0.1:${port}`,
    urlOf: (name) => {
      const url = replicas.get(name)?.url;
      if (!url) throw new Error(`${name} is not running`);
      return url;
    },
  };
  const shared = { INTERNAL_API_TOKEN: randomBytes(24).toString('base64url'), ...options.env };
  const stopAll = async () => {
    await gateway.close();
    await Promise.all([...replicas.values()].map((replica) => replica.stop()));
  };
  try {
    for (const wave of startOrder(options.services)) {
      await Promise.all(wave.map((service) => startService(service, stack, shared, options.dataDir, replicas, log)));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { port, replicas, stop: stopAll };
}

async function startService(
  service: ServiceDefinition,
  stack: StackContext,
  shared: Record<string, string>,
  dataRoot: string,
  replicas: Map<string, Replica>,
  log: (line: string) => void,
): Promise<void> {
  const dataDir = join(dataRoot, service.name);
  mkdirSync(dataDir, { recursive: true });
  const id = `${service.name}-1`;
  const replica = new Replica({
    id,
    entry: join(REPO_ROOT, service.entry),
    cwd: REPO_ROOT,
    env: { ...shared, DATA_DIR: dataDir, ...service.env?.(stack) },
    readinessPath: service.readinessPath,
    onLine: (line) => log(formatLogLine(id, line)),
  });
  replicas.set(service.name, replica);
  const started = Date.now();
  log(`… starting ${service.name}`);
  await replica.start();
  log(
    `✓ ${service.name} ready at ${replica.url} (pid ${replica.pid}) in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
}

/** Groups services into waves: each wave needs only services of earlier waves. */
export function startOrder(services: ServiceDefinition[]): ServiceDefinition[][] {
  const waves: ServiceDefinition[][] = [];
  const started = new Set<string>();
  let remaining = [...services];
  while (remaining.length > 0) {
    const wave = remaining.filter((s) => (s.after ?? []).every((dep) => started.has(dep)));
    if (wave.length === 0) {
      throw new Error(`services wait on each other or on unknown services: ${remaining.map((s) => s.name).join(', ')}`);
    }
    for (const s of wave) started.add(s.name);
    waves.push(wave);
    remaining = remaining.filter((s) => !wave.includes(s));
  }
  return waves;
}
