import { JwtVerifier, serviceModule, TokenRevocation, TokenVerifier } from '@carebridge/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { AdminController } from './admin/admin.controller.js';
import { AdminService } from './admin/admin.service.js';
import { AffiliationAdminController, AffiliationController } from './affiliation/affiliation.controller.js';
import { AffiliationService } from './affiliation/affiliation.service.js';
import { AffiliationRequest } from './affiliation/affiliation-request.entity.js';
import { WorkplaceDomains } from './affiliation/workplace-domains.js';
import type { AuthConfig } from './config.js';
import { EmailVerificationController } from './email-verification/email-verification.controller.js';
import { EmailVerification } from './email-verification/email-verification.entity.js';
import { EmailVerificationService } from './email-verification/email-verification.service.js';
import { ErasureService } from './erasure/erasure.service.js';
import { ErasureRequest } from './erasure/erasure-request.entity.js';
import { KeysModule } from './keys/keys.module.js';
import { SigningKeys } from './keys/signing-keys.js';
import { MailModule } from './mail/mail.module.js';
import { OutboxMessage } from './mail/outbox-message.entity.js';
import { migrations } from './migrations/index.js';
import { PasswordResetController } from './password-reset/password-reset.controller.js';
import { PasswordResetCode } from './password-reset/password-reset.entity.js';
import { PasswordResetService } from './password-reset/password-reset.service.js';
import { PasswordHasher } from './passwords/password-hasher.js';
import { RevocationNotice } from './revocations/revocation-notice.entity.js';
import { RevocationPublisher } from './revocations/revocation-publisher.js';
import { LoginThrottle } from './sessions/login-throttle.entity.js';
import { LoginThrottleService } from './sessions/login-throttle.service.js';
import { RefreshToken } from './sessions/refresh-token.entity.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { SessionsService } from './sessions/sessions.service.js';
import { ThrottleStore } from './throttle/throttle-store.js';
import { NicknamesService } from './users/nicknames.service.js';
import { ReleasedNickname } from './users/released-nickname.entity.js';
import { User } from './users/user.entity.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

export const SERVICE = 'auth';
export const entities = [
  User,
  RefreshToken,
  LoginThrottle,
  EmailVerification,
  OutboxMessage,
  ErasureRequest,
  ReleasedNickname,
  PasswordResetCode,
  RevocationNotice,
  TokenRevocation,
  AffiliationRequest,
];

@Module({})
export class AppModule {
  static forRoot(config: AuthConfig): DynamicModule {
    const keys = SigningKeys.load(config);
    // The auth service checks its own tokens against its own keys, without a JWKS round trip.
    const verifier = JwtVerifier.local(keys.publicJwks, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
    return serviceModule(AppModule, {
      service: SERVICE,
      config,
      tokens: { provider: { provide: TokenVerifier, useValue: verifier } },
      database: { dialects: ['mysql', 'mariadb', 'sqlite'], entities, migrations },
      revocations: { receive: false },
      imports: [KeysModule.withKeys(keys), MailModule],
      controllers: [
        UsersController,
        SessionsController,
        EmailVerificationController,
        PasswordResetController,
        AdminController,
        AffiliationController,
        AffiliationAdminController,
      ],
      providers: [
        PasswordHasher,
        UsersService,
        SessionsService,
        LoginThrottleService,
        EmailVerificationService,
        AdminService,
        ErasureService,
        WorkplaceDomains,
        NicknamesService,
        ThrottleStore,
        RevocationPublisher,
        PasswordResetService,
        AffiliationService,
      ],
    });
  }
}
