import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AccessTokenGuard } from './auth/access-token.guard.js';
import { jwksReadinessDetail } from './auth/cached-jwks.js';
import { JwtVerifier, TokenVerifier } from './auth/token-verifier.js';
import { ServiceConfig } from './config/service-config.js';
import { ProblemFilter } from './errors/problem.filter.js';
import { createValidationPipe } from './errors/validation.pipe.js';
import { HealthController } from './health/health.controller.js';
import { Lifecycle } from './health/lifecycle.js';
import { JsonLogger } from './logging/json-logger.js';
import { ServiceMetrics } from './metrics/http-metrics.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { SERVICE_NAME } from './service-name.js';

/** Where access tokens are checked: the auth service's JWKS, or a verifier the service provides. */
export type TokenVerification =
  | { jwksUrl: string; issuer: string; audience: string; jwksCooldownMs?: number; keyServerCheckMs?: number }
  | { provider: Provider<TokenVerifier> & { provide: typeof TokenVerifier } };

export interface PlatformOptions<C extends ServiceConfig> {
  service: string;
  config: C;
  tokens: TokenVerification;
}

/**
 * Everything a Carebridge service shares, as one global module: typed config, JSON logging,
 * problem+json errors, strict validation, the access-token guard, probes and metrics.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot<C extends ServiceConfig>(options: PlatformOptions<C>): DynamicModule {
    const { service, config, tokens } = options;
    const logger = new JsonLogger(service, config.LOG_LEVEL);
    const lifecycle = new Lifecycle();
    const verifier: Provider =
      'provider' in tokens ? tokens.provider : { provide: TokenVerifier, useValue: remoteVerifier(tokens, lifecycle) };
    const configClass = config.constructor as new () => C;
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: ServiceConfig, useValue: config },
        ...(configClass === ServiceConfig ? [] : [{ provide: configClass, useValue: config }]),
        { provide: JsonLogger, useValue: logger },
        { provide: Lifecycle, useValue: lifecycle },
        { provide: ServiceMetrics, useValue: new ServiceMetrics(service) },
        verifier,
        { provide: APP_FILTER, useFactory: () => new ProblemFilter(logger) },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_GUARD, useClass: AccessTokenGuard },
      ],
      exports: [SERVICE_NAME, ServiceConfig, configClass, JsonLogger, Lifecycle, ServiceMetrics, TokenVerifier],
    };
  }
}

/** How often readiness looks at the key server, so `/readyz` tells when auth went away. */
const KEY_SERVER_CHECK_MS = 10_000;

function remoteVerifier(tokens: Extract<TokenVerification, { jwksUrl: string }>, lifecycle: Lifecycle): JwtVerifier {
  const verifier = JwtVerifier.remote(
    tokens.jwksUrl,
    { issuer: tokens.issuer, audience: tokens.audience },
    tokens.jwksCooldownMs === undefined ? {} : { cooldownMs: tokens.jwksCooldownMs },
  );
  const jwks = verifier.jwks;
  if (jwks) {
    lifecycle.addReadinessCheck('authKeys', async () => {
      await jwks.refreshIfOlderThan(tokens.keyServerCheckMs ?? KEY_SERVER_CHECK_MS);
      return jwksReadinessDetail(jwks.status(), Date.now());
    });
  }
  return verifier;
}
