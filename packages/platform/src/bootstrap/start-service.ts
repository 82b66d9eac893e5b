import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { ServiceConfig } from '../config/service-config.js';
import { Lifecycle } from '../health/lifecycle.js';
import { JsonLogger } from '../logging/json-logger.js';
import { requestLogging } from '../logging/request-logging.middleware.js';
import { ServiceMetrics } from '../metrics/http-metrics.js';
import { labFaults } from './lab-faults.js';

export interface ServiceDescription {
  /** Public path prefix of the service's API, e.g. `api/auth`. */
  apiPrefix: string;
  title: string;
  description: string;
}

export interface RunningService {
  app: NestExpressApplication;
  /** Base URL the service listens on, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Graceful stop: readiness false, in-flight requests finish, connections close, then the app. */
  shutdown(reason?: string): Promise<void>;
}

/**
 * Idle keep-alive connections stay open longer than the sidecar's upstream idle timeout
 * (`connectionPool.http.idleTimeout` in istio/destination-rules.yaml, checked by the manifest tests),
 * so Envoy always closes first and never sends a request on a socket Node is closing.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 75_000;

/** Served on the service's own port outside the public prefix: probes, metrics, service-to-service routes. */
const UNPREFIXED = ['healthz', 'readyz', 'metrics', 'internal/{*path}'];

export async function startService(module: DynamicModule, description: ServiceDescription): Promise<RunningService> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = app.get(JsonLogger);
  const config = app.get(ServiceConfig);
  const lifecycle = app.get(Lifecycle);
  app.useLogger(logger);
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  if (config.LAB_FAULTS) app.use(labFaults(config.LAB_FAULT_ON_START));
  app.use(requestLogging(logger));
  app.use(app.get(ServiceMetrics).middleware());
  app.use((_req: Request, res: Response, next: NextFunction) => {
    // While draining, ask keep-alive clients to reconnect (to another replica).
    if (lifecycle.shuttingDown) res.setHeader('Connection', 'close');
    next();
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.setGlobalPrefix(description.apiPrefix, { exclude: UNPREFIXED });
  if (config.OPENAPI_ENABLED) mountOpenApi(app, description);

  await app.listen(config.PORT, config.HOST);
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://127.0.0.1:${port}`;
  logger.emit('info', 'listening', { url, apiPrefix: `/${description.apiPrefix}` });

  let stopping: Promise<void> | undefined;
  const shutdown = (reason = 'requested') => {
    stopping ??= (async () => {
      lifecycle.beginShutdown();
      logger.emit('info', 'shutting down', { reason, delayMs: config.SHUTDOWN_DELAY_MS });
      await sleep(config.SHUTDOWN_DELAY_MS);
      await closeServer(server, config.SHUTDOWN_TIMEOUT_MS, logger);
      await app.close();
      logger.emit('info', 'stopped', { reason });
    })();
    return stopping;
  };
  return { app, url, shutdown };
}

/** Stops accepting connections and waits for in-flight requests, up to a deadline. */
async function closeServer(server: Server, timeoutMs: number, logger: JsonLogger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => {
    logger.emit('warn', 'shutdown deadline reached; closing remaining connections', { timeoutMs });
    server.closeAllConnections();
  }, timeoutMs);
  await closed;
  clearInterval(idleSweep);
  clearTimeout(deadline);
}

function mountOpenApi(app: NestExpressApplication, description: ServiceDescription): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(description.title)
      .setDescription(description.description)
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(`${description.apiPrefix}/docs`, app, document, {
    jsonDocumentUrl: `${description.apiPrefix}/docs/openapi.json`,
  });
}
