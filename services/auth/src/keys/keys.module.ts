import { Module } from '@nestjs/common';
import { JwksController } from './jwks.controller.js';
import { SigningKeys } from './signing-keys.js';
import { TokenIssuer } from './token-issuer.js';

@Module({})
export class KeysModule {
  static withKeys(keys: SigningKeys) {
    return {
      module: KeysModule,
      controllers: [JwksController],
      providers: [{ provide: SigningKeys, useValue: keys }, TokenIssuer],
      exports: [TokenIssuer],
    };
  }
}
