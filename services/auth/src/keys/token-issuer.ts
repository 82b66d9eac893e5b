import { randomUUID } from 'node:crypto';
import type { AccessTokenClaims } from '@carebridge/contracts';
import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { AuthConfig } from '../config.js';
import type { User } from '../users/user.entity.js';
import { SigningKeys } from './signing-keys.js';

export interface IssuedAccessToken {
  accessToken: string;
  expiresIn: number;
}

@Injectable()
export class TokenIssuer {
  constructor(
    private readonly keys: SigningKeys,
    private readonly config: AuthConfig,
  ) {}

  async issue(user: User): Promise<IssuedAccessToken> {
    const { kid, alg, privateKey } = this.keys.current;
    const claims: Omit<AccessTokenClaims, 'sub'> = {
      nickname: user.nickname,
      role: user.role,
      hospitalId: user.hospitalId,
      jobCategory: user.jobCategory,
      insiderVerified: user.insiderVerified,
      emailVerified: user.emailVerifiedAt !== null,
      memberSince: user.createdAt.toISOString(),
    };
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .setJti(randomUUID())
      .sign(privateKey);
    return { accessToken, expiresIn };
  }
}
