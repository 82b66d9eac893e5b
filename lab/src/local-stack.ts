import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Gateway } from './gateway/gateway.js';
import { REPO_ROOT, type ServiceDefinition } from './services.js';
import { formatLogLine } from './supervisor/log-lines.js';
import { Replica } from './supervisor/replica.js';

export interface LocalStackOptions {
  services: ServiceDefinition[];
  port: number;
  dataDir: string;
  /** Extra environment for every service, e.g. LOG_LEVEL. */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface RunningStack {
  port: number;
  replicas: Replica[];
  stop(): Promise<void>;
}

/** Starts every service (one replica each for now) and the gateway in front of them. */
export async function startLocalStack(options: LocalStackOptions): Promise<RunningStack> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const replicas = options.services.map((service) => {
    const dataDir = join(options.dataDir, service.name);
    mkdirSync(dataDir, { recursive: true });
    return {
      service,
      replica: new Replica({
        id: `${service.name}-1`,
        entry: join(REPO_ROOT, service.entry),
        cwd: REPO_ROOT,
        env: { DATA_DIR: dataDir, ...options.env },
        readinessPath: service.readinessPath,
        onLine: (line) => log(formatLogLine(`${service.name}-1`, line)),
      }),
    };
  });
  const stopAll = () => Promise.all(replicas.map(({ replica }) => replica.stop()));
  try {
    await Promise.all(
      replicas.map(async ({ service, replica }) => {
        const started = Date.now();
        log(`… starting ${service.name}`);
        await replica.start();
        log(
          `✓ ${service.name} ready at ${replica.url} (pid ${replica.pid}) in ${((Date.now() - started) / 1000).toFixed(1)}s`,
        );
      }),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  const gateway = new Gateway(
    replicas.flatMap(({ service, replica }) =>
      service.routes.map((prefix) => ({
        prefix,
        backend: { name: service.name, readyUrls: () => (replica.ready && replica.url ? [replica.url] : []) },
      })),
    ),
  );
  let port: number;
  try {
    port = await gateway.listen(options.port);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    port,
    replicas: replicas.map((r) => r.replica),
    stop: async () => {
      await gateway.close();
      await stopAll();
    },
  };
}
