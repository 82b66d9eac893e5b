import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ServiceConfig } from '../config/service-config.js';
import { Lifecycle } from '../health/lifecycle.js';
import { JsonLogger } from '../logging/json-logger.js';
import { requestLogging } from '../logging/request-logging.js';
import { ServiceMetrics } from '../metrics/http-metrics.js';
import { JSON_BODY_LIMIT_BYTES, readJsonBodies } from '../request/json-body.js';
import { labFaults } from './lab-faults.js';
import { withProblemResponses } from './openapi-problems.js';
import { trustedProxies } from './trusted-proxies.js';

export interface ServiceDescription {
  /** Public path prefix of the service's API, e.g. `api/auth`. */
  apiPrefix: string;
  title: string;
  description: string;
}

export interface RunningService {
  app: NestFastifyApplication;
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

/**
 * Fastify under Nest: on the hot read paths Express's own per-request work was most of a request's
 * CPU (a bare Nest + Express answered about a sixth of what Nest + Fastify does on this machine;
 * see docs/performance.md). Options that keep Express's routing: a trailing slash matches, and
 * long path parameters reach validation (answered 400 naming the field) instead of a 404.
 * Which proxies to believe is known only once the module's config is: `trust` is set then.
 */
function httpAdapter(): { adapter: FastifyAdapter; trustProxies: (setting: string) => void } {
  let trust = trustedProxies('0');
  const adapter = new FastifyAdapter({
    trustProxy: (address: string, hop: number) => trust(address, hop),
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
  });
  return {
    adapter,
    trustProxies: (setting) => {
      trust = trustedProxies(setting);
    },
  };
}

export async function startService(module: DynamicModule, description: ServiceDescription): Promise<RunningService> {
  const { adapter, trustProxies } = httpAdapter();
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = app.get(JsonLogger);
  const config = app.get(ServiceConfig);
  const lifecycle = app.get(Lifecycle);
  app.useLogger(logger);
  trustProxies(config.TRUST_PROXY);
  const fastify = app.getHttpAdapter().getInstance();
  if (config.LAB_FAULTS) labFaults(fastify, config.LAB_FAULT_ON_START);
  requestLogging(fastify, logger);
  app.get(ServiceMetrics).timeRequests(fastify);
  fastify.addHook('onRequest', (_request, reply, done) => {
    // While draining, ask keep-alive clients to reconnect (to another replica).
    if (lifecycle.shuttingDown) void reply.header('Connection', 'close');
    done();
  });
  // Nest sets Fastify's error handler to its filters: a body the parsers refuse reaches ProblemFilter.
  readJsonBodies(fastify);
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

function mountOpenApi(app: NestFastifyApplication, description: ServiceDescription): void {
  const document = withProblemResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(description.title)
        .setDescription(description.description)
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup(`${description.apiPrefix}/docs`, app, document, {
    jsonDocumentUrl: `${description.apiPrefix}/docs/openapi.json`,
  });
}
