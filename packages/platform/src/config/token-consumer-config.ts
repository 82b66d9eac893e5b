import { IsNumber, IsString, IsUrl, Min } from 'class-validator';
import type { TokenVerification } from '../platform.module.js';
import { ServiceConfig } from './service-config.js';

/** Settings of a service that accepts access tokens issued by the auth service. */
export class TokenConsumerConfig extends ServiceConfig {
  /** The auth service's JWKS, e.g. `http://auth:3001/api/auth/.well-known/jwks.json` in the cluster. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  AUTH_JWKS_URL: string = 'http://127.0.0.1:3001/api/auth/.well-known/jwks.json';

  @IsString()
  JWT_ISSUER: string = 'carebridge-auth';

  @IsString()
  JWT_AUDIENCE: string = 'carebridge';

  /**
   * Multiplies every per-member write limit (posts, comments, likes, reports, reviews); 0 lifts
   * them. 1 in production; test suites that write a lot as one member raise it.
   */
  @IsNumber()
  @Min(0)
  WRITE_LIMIT_FACTOR: number = 1;

  get tokenVerification(): TokenVerification {
    return { jwksUrl: this.AUTH_JWKS_URL, issuer: this.JWT_ISSUER, audience: this.JWT_AUDIENCE };
  }
}
