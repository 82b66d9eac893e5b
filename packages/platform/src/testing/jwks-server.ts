import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWK, SignJWT } from 'jose';

export interface TestKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

export function newTestKey(kid: string): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    kid,
    privateKey,
    publicJwk: { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'EdDSA', use: 'sig' },
  };
}

/** A real HTTP JWKS endpoint serving test keys, counting how often it was fetched. */
export class JwksServer {
  fetches = 0;
  keys: TestKey[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((_req, res) => {
      this.fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: this.keys.map((k) => k.publicJwk) }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

export interface SignOptions {
  issuer?: string;
  audience?: string;
  expiresIn?: string | number;
  claims?: Record<string, unknown>;
  subject?: string;
}

export function signToken(key: TestKey, options: SignOptions = {}): Promise<string> {
  return new SignJWT({
    nickname: 'tester',
    role: 'member',
    hospitalId: null,
    insiderVerified: false,
    emailVerified: true,
    // An established account unless a test says otherwise.
    memberSince: new Date(Date.now() - 365 * 86_400_000).toISOString(),
    ...options.claims,
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setSubject(options.subject ?? 'user-1')
    .setIssuer(options.issuer ?? 'test-issuer')
    .setAudience(options.audience ?? 'test-audience')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(key.privateKey);
}
