import type { DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type RunningService, startService } from '../bootstrap/start-service.js';
import { loadConfig } from '../config/load-config.js';
import type { Dialect } from '../database/database-options.js';
import { type JsonResponse, type RequestOptions, TestClient } from './http-client.js';
import { JwksServer, newTestKey, type TestKey } from './jwks-server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Keeps every response body, so a test can prove that no account id ever left the service. */
export class RecordingClient extends TestClient {
  readonly exchanges: { method: string; path: string; body: string }[] = [];
  override async request<T = any>(method: string, path: string, options?: RequestOptions): Promise<JsonResponse<T>> {
    const res = await super.request<T>(method, path, options);
    this.exchanges.push({ method, path, body: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) });
    return res;
  }
}

export interface TestServiceOptions<C extends object> {
  /** The service's name (`SERVICE` of its app module): names its test database and config. */
  service: string;
  dialect: Dialect;
  config: new () => C;
  module: (config: C) => DynamicModule;
  apiPrefix: string;
  /** Environment on top of the test defaults (and of the database the run gets). */
  env?: Record<string, string>;
  /** Serve a test key from a real JWKS endpoint and point the service's token checks at it. */
  trustTokens?: boolean;
  /** Runs on the fresh database before the service (and its migrations) start. */
  seed?: (db: TestDatabase) => Promise<void>;
}

export interface TestService {
  api: RecordingClient;
  service: RunningService;
  db: TestDatabase;
  /** The key the service trusts, when `trustTokens` was asked for. */
  key: TestKey;
  readonly dataSource: DataSource;
  stop(): Promise<void>;
}

export const TEST_ISSUER = 'test-issuer';
export const TEST_AUDIENCE = 'test-audience';

/**
 * The real service on a database of its own (one per run, dropped by `stop()`), listening on a
 * free port, answering through a recording client; optionally trusting a real JWKS endpoint.
 */
export async function startTestService<C extends object>(options: TestServiceOptions<C>): Promise<TestService> {
  const key = newTestKey(`${options.service}-test-key`);
  const jwks = new JwksServer();
  jwks.keys = [key];
  const tokens = options.trustTokens
    ? { AUTH_JWKS_URL: await jwks.start(), JWT_ISSUER: TEST_ISSUER, JWT_AUDIENCE: TEST_AUDIENCE }
    : {};
  const db = await createTestDatabase(options.dialect, options.service);
  let service: RunningService | undefined;
  const stop = async () => {
    await service?.shutdown('test over');
    await db.drop();
    if (options.trustTokens) await jwks.stop();
  };
  try {
    await options.seed?.(db);
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'fatal',
      DATA_DIR: db.dataDir,
      ...tokens,
      DATABASE_URL: db.url,
      ...options.env,
    };
    const config = loadConfig(options.config, env, options.service);
    service = await startService(options.module(config), {
      apiPrefix: options.apiPrefix,
      title: options.service,
      description: 'test',
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const running = service;
  return {
    api: new RecordingClient(running.url),
    service: running,
    db,
    key,
    get dataSource() {
      return running.app.get(DataSource);
    },
    stop,
  };
}

/** What the services' e2e harnesses share: the started service and its parts. */
export abstract class TestServiceHarness {
  protected running!: TestService;

  async stop(): Promise<void> {
    await this.running?.stop();
  }

  get api(): RecordingClient {
    return this.running.api;
  }

  get service(): RunningService {
    return this.running.service;
  }

  get db(): TestDatabase {
    return this.running.db;
  }

  get dataSource(): DataSource {
    return this.running.dataSource;
  }
}
