import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RevocationList, RevocationStore } from './revocation-list.js';
import { RevocationsController } from './revocations.controller.js';
import { TokenRevocation } from './token-revocation.entity.js';

export interface RevocationsOptions {
  /** Serve `POST /internal/revocations` (board, hospital); the auth service records its own directly. */
  receive: boolean;
}

/**
 * Makes the access-token guard refuse writes from revoked tokens. The service adds `TokenRevocation`
 * to its entities and `TokenRevocations1764100000000` to its migrations.
 */
@Global()
@Module({})
export class RevocationsModule {
  static forRoot(options: RevocationsOptions): DynamicModule {
    return {
      module: RevocationsModule,
      imports: [TypeOrmModule.forFeature([TokenRevocation])],
      controllers: options.receive ? [RevocationsController] : [],
      providers: [RevocationStore, { provide: RevocationList, useExisting: RevocationStore }],
      exports: [RevocationStore, RevocationList],
    };
  }
}
