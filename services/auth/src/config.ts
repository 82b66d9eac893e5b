import { ServiceConfig, toBoolean } from '@carebridge/platform';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

export class AuthConfig extends ServiceConfig {
  override PORT: number = 3001;

  @IsString()
  JWT_ISSUER: string = 'carebridge-auth';

  @IsString()
  JWT_AUDIENCE: string = 'carebridge';

  /** JSON file `{"keys": [private JWK, ...]}`; the first key signs, all are published. */
  @IsOptional()
  @IsString()
  JWT_KEYS_FILE?: string;

  /** The same key set inline (e.g. from a Kubernetes Secret); wins over JWT_KEYS_FILE. */
  @IsOptional()
  @IsString()
  JWT_KEYS?: string;

  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  @IsInt()
  @Min(300)
  REFRESH_TOKEN_TTL_SECONDS: number = 14 * 24 * 3600;

  /** Send the refresh cookie only over HTTPS. Defaults to true in production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  /** e.g. `smtp://user:pass@mail.example:587`; unset prints mail to the log instead. */
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM: string = 'Carebridge <no-reply@carebridge.local>';

  /** Sign-ups accepted from one client address per window (429 with Retry-After beyond). */
  @IsInt()
  @Min(1)
  SIGNUP_MAX_PER_ADDRESS: number = 5;

  @IsInt()
  @Min(1)
  SIGNUP_WINDOW_SECONDS: number = 3600;

  /** Failed sign-ins for one account from one address before each further failure doubles the wait. */
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_PAIR: number = 5;

  /** The first wait after the free failures; it doubles with each failure, up to LOGIN_BLOCK_SECONDS. */
  @IsInt()
  @Min(1)
  LOGIN_BACKOFF_BASE_SECONDS: number = 30;

  /** Failed sign-ins from one address, whatever the accounts, before the address is blocked. */
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS: number = 20;

  /** Failures are forgotten after this long without a new one. */
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS: number = 900;

  /** How long a blocked address waits, and the longest back-off of an account-and-address pair. */
  @IsInt()
  @Min(1)
  LOGIN_BLOCK_SECONDS: number = 900;

  /** A refresh token used again this soon after its rotation (another tab) continues the session. */
  @IsInt()
  @Min(0)
  @Max(60)
  REFRESH_GRACE_SECONDS: number = 10;

  @IsInt()
  @Min(60)
  PASSWORD_RESET_CODE_TTL_SECONDS: number = 900;

  @IsInt()
  @Min(1)
  PASSWORD_RESET_MAX_ATTEMPTS: number = 5;

  /** Reset requests per window from one address, and for one account. */
  @IsInt()
  @Min(1)
  PASSWORD_RESET_MAX_PER_ADDRESS: number = 10;

  @IsInt()
  @Min(1)
  PASSWORD_RESET_MAX_PER_ACCOUNT: number = 3;

  @IsInt()
  @Min(60)
  PASSWORD_RESET_WINDOW_SECONDS: number = 3600;

  /** Least time between two changes of a member's workplace. */
  @IsInt()
  @Min(0)
  WORKPLACE_CHANGE_DAYS: number = 30;

  @IsInt()
  @Min(60)
  EMAIL_CODE_TTL_SECONDS: number = 600;

  @IsInt()
  @Min(1)
  EMAIL_CODE_MAX_ATTEMPTS: number = 5;

  @IsInt()
  @Min(0)
  EMAIL_CODE_RESEND_SECONDS: number = 60;

  /**
   * Base URLs of the services that show members' content (board, hospital), comma-separated. When an
   * account is deleted, each is told to forget it; when an account's tokens are revoked (deleted,
   * signed out everywhere, password changed or reset), each is told to refuse their writes
   * (needs INTERNAL_API_TOKEN).
   */
  @IsOptional()
  @IsString()
  ACCOUNT_ERASURE_URLS?: string;

  /**
   * Base URL of the hospital service (cluster-internal). A verified email whose domain the
   * member's hospital registered makes the member a verified insider.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  HOSPITAL_INTERNAL_URL?: string;

  get erasureServiceUrls(): string[] {
    return (this.ACCOUNT_ERASURE_URLS ?? '')
      .split(',')
      .map((url) => url.trim().replace(/\/+$/, ''))
      .filter(Boolean);
  }

  get cookieSecure(): boolean {
    return this.COOKIE_SECURE ?? this.NODE_ENV === 'production';
  }
}
