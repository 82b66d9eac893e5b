import type { DynamicModule } from '@nestjs/common';
import { ConfigError } from '../config/load-config.js';
import { type ServiceDescription, startService } from './start-service.js';

/**
 * A service's `main`: start, then stop gracefully on SIGTERM/SIGINT, or when the supervising
 * process (the lab) goes away, so that no replica outlives it.
 */
export async function runService(
  buildModule: () => DynamicModule,
  description: ServiceDescription & { service: string },
): Promise<void> {
  let module: DynamicModule;
  try {
    module = buildModule();
  } catch (error) {
    exitOnStartupError(description.service, error);
  }
  try {
    const running = await startService(module, description);
    const stop = (reason: string) => {
      running.shutdown(reason).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    if (process.send) {
      // Started by a supervisor (the lab): tell it where we listen, and stop if it goes away.
      process.send({ type: 'listening', url: running.url });
      process.once('disconnect', () => stop('supervisor exited'));
    }
  } catch (error) {
    exitOnStartupError(description.service, error);
  }
}

function exitOnStartupError(service: string, error: unknown): never {
  const entry = {
    time: new Date().toISOString(),
    level: 'fatal',
    service,
    msg: 'start-up failed',
    ...(error instanceof ConfigError
      ? { problems: error.problems }
      : { err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }),
  };
  process.stdout.write(`${JSON.stringify(entry)}\n`);
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
