import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SessionResponse } from '@carebridge/contracts';
import { ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, Not, Repository } from 'typeorm';
import { AuthConfig } from '../config.js';
import { TokenIssuer } from '../keys/token-issuer.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { RevocationPublisher } from '../revocations/revocation-publisher.js';
import { normalizeEmail, toMyProfile } from '../users/profile.js';
import { User } from '../users/user.entity.js';
import type { LoginDto } from './dto/login.dto.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { RefreshToken } from './refresh-token.entity.js';

export interface IssuedSession {
  body: SessionResponse;
  refreshToken: string;
}

const INVALID_REFRESH = () =>
  ProblemException.unauthorized('AUTH.INVALID_REFRESH_TOKEN', 'The session has ended. Sign in again.');

const SUSPENDED = () =>
  ProblemException.forbidden('AUTH.ACCOUNT_SUSPENDED', 'This account is suspended by the moderators.');

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>,
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly issuer: TokenIssuer,
    private readonly throttle: LoginThrottleService,
    private readonly revocations: RevocationPublisher,
    private readonly config: AuthConfig,
  ) {}

  async login(dto: LoginDto, address: string): Promise<IssuedSession> {
    const subject = { email: normalizeEmail(dto.email), address };
    await this.throttle.assertAllowed(subject);
    const user = await this.users.findOneBy({ email: subject.email });
    if (!(await this.passwords.verify(user?.passwordHash, dto.password)) || !user) {
      await this.throttle.recordFailure(subject);
      throw ProblemException.unauthorized('AUTH.INVALID_CREDENTIALS', 'The email or password is incorrect.');
    }
    await this.throttle.recordSuccess(subject);
    if (user.suspendedAt) throw SUSPENDED();
    await this.revocations.waitUntilIssuable(user.id);
    return this.startSession(this.tokens.manager, user, randomUUID());
  }

  /**
   * Exchanges a refresh token for a new one of the same family. A token used again within the
   * grace window after its rotation (two tabs refreshing at once) continues the session with a
   * sibling token; used again later, it is a sign of theft: the whole family is revoked, so neither
   * the thief nor the owner can go on.
   */
  async refresh(presented: string | undefined, now = new Date()): Promise<IssuedSession> {
    if (!presented) throw INVALID_REFRESH();
    const token = await this.tokens.findOneBy({ tokenHash: hashToken(presented) });
    if (!token) throw INVALID_REFRESH();
    if (token.revokedAt) throw await this.reused(token);
    if (token.expiresAt <= now) throw INVALID_REFRESH();
    await this.revocations.waitUntilIssuable(token.userId);
    if (token.usedAt) return this.withinGrace(token, now);
    return this.dataSource.transaction(async (manager) => {
      // Only one of two concurrent uses of the same token rotates it; the other gets the grace path.
      const claimed = await manager.update(
        RefreshToken,
        { id: token.id, usedAt: IsNull(), revokedAt: IsNull() },
        { usedAt: now },
      );
      if (!claimed.affected) {
        const again = await manager.findOneBy(RefreshToken, { id: token.id });
        if (!again?.usedAt || again.revokedAt) throw await this.reused(token, manager);
        return this.withinGrace(again, now, manager);
      }
      const user = await manager.findOneBy(User, { id: token.userId });
      if (!user || user.suspendedAt) throw INVALID_REFRESH();
      return this.startSession(manager, user, token.familyId);
    });
  }

  /** Ends every session of the account and stops its access tokens writing anywhere. */
  async logoutEverywhere(userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.revocations.revoke(manager, userId);
    });
    this.revocations.kick();
  }

  private async withinGrace(token: RefreshToken, now: Date, manager = this.tokens.manager): Promise<IssuedSession> {
    const usedAt = token.usedAt as Date;
    if (now.getTime() - usedAt.getTime() > this.config.REFRESH_GRACE_SECONDS * 1000)
      throw await this.reused(token, manager);
    const user = await manager.findOneBy(User, { id: token.userId });
    if (!user || user.suspendedAt) throw INVALID_REFRESH();
    return this.startSession(manager, user, token.familyId);
  }

  private async reused(token: RefreshToken, manager = this.tokens.manager): Promise<ProblemException> {
    await this.revokeFamily(manager, token.familyId);
    return ProblemException.unauthorized(
      'AUTH.REFRESH_TOKEN_REUSED',
      'This session was signed out because an old refresh token was used again. Sign in again.',
    );
  }

  async logout(presented: string | undefined): Promise<void> {
    if (!presented) return;
    const token = await this.tokens.findOneBy({ tokenHash: hashToken(presented) });
    if (token) await this.revokeFamily(this.tokens.manager, token.familyId);
  }

  /** After a password change: every session of the user ends except the one that made the change. */
  async revokeOtherSessions(manager: EntityManager, userId: string, currentToken: string | undefined): Promise<void> {
    const current = currentToken ? await manager.findOneBy(RefreshToken, { tokenHash: hashToken(currentToken) }) : null;
    const keepFamily = current?.userId === userId ? current.familyId : undefined;
    await manager.update(
      RefreshToken,
      { userId, revokedAt: IsNull(), ...(keepFamily ? { familyId: Not(keepFamily) } : {}) },
      { revokedAt: new Date() },
    );
  }

  private async startSession(manager: EntityManager, user: User, familyId: string): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const now = new Date();
    await manager.insert(RefreshToken, {
      id: randomUUID(),
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
      usedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    const { accessToken, expiresIn } = await this.issuer.issue(user);
    return { body: { accessToken, tokenType: 'Bearer', expiresIn, user: toMyProfile(user) }, refreshToken };
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
