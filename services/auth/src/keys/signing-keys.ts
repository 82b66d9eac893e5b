import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import type { AuthConfig } from '../config.js';

const SUPPORTED = { EdDSA: { kty: 'OKP', crv: 'Ed25519' }, ES256: { kty: 'EC', crv: 'P-256' } } as const;
export type SigningAlgorithm = keyof typeof SUPPORTED;

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: KeyObject;
}

export class InvalidKeySetError extends Error {}

/**
 * The access-token signing keys. The first key signs; every key is published in the JWKS, so a new
 * key can be put first while the previous one still verifies the tokens it signed.
 */
export class SigningKeys {
  private constructor(
    readonly current: SigningKey,
    readonly publicJwks: JSONWebKeySet,
  ) {}

  /** From `JWT_KEYS`, else `JWT_KEYS_FILE`, else a key set generated once into the data folder. */
  static load(config: AuthConfig): SigningKeys {
    if (config.JWT_KEYS) return SigningKeys.fromJson(config.JWT_KEYS, 'JWT_KEYS');
    if (config.JWT_KEYS_FILE) {
      return SigningKeys.fromJson(readFileSync(config.JWT_KEYS_FILE, 'utf8'), config.JWT_KEYS_FILE);
    }
    const file = resolve(config.DATA_DIR, 'auth-jwt-keys.json');
    return SigningKeys.fromJson(
      readOrCreate(file, () => JSON.stringify(generateKeySet(), null, 2)),
      file,
    );
  }

  static fromJson(json: string, source: string): SigningKeys {
    let parsed: { keys?: unknown };
    try {
      parsed = JSON.parse(json) as { keys?: unknown };
    } catch {
      throw new InvalidKeySetError(`${source}: not valid JSON`);
    }
    if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) {
      throw new InvalidKeySetError(`${source}: expected {"keys": [private JWK, ...]} with at least one key`);
    }
    const keys = (parsed.keys as JWK[]).map((jwk, i) => toSigningKey(jwk, `${source} key ${i}`));
    const kids = new Set(keys.map((k) => k.kid));
    if (kids.size !== keys.length) throw new InvalidKeySetError(`${source}: every key needs a distinct kid`);
    const publicJwks: JSONWebKeySet = {
      keys: keys.map((k) => ({
        ...(createPublicKey(k.privateKey).export({ format: 'jwk' }) as JWK),
        kid: k.kid,
        alg: k.alg,
        use: 'sig',
      })),
    };
    return new SigningKeys(keys[0] as SigningKey, publicJwks);
  }
}

/** A fresh key set of one Ed25519 key, as `npm run -w services/auth keys:generate` prints. */
export function generateKeySet(): { keys: JWK[] } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const kid = `ed25519-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
  return { keys: [{ ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'EdDSA', use: 'sig' }] };
}

function toSigningKey(jwk: JWK, where: string): SigningKey {
  const alg = jwk.alg as SigningAlgorithm;
  const expected = SUPPORTED[alg];
  if (!expected) throw new InvalidKeySetError(`${where}: alg must be EdDSA or ES256`);
  if (jwk.kty !== expected.kty || jwk.crv !== expected.crv) {
    throw new InvalidKeySetError(`${where}: ${alg} needs kty ${expected.kty} and crv ${expected.crv}`);
  }
  if (!jwk.kid) throw new InvalidKeySetError(`${where}: kid is missing`);
  if (!jwk.d) throw new InvalidKeySetError(`${where}: the private part (d) is missing`);
  const privateKey = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  return { kid: jwk.kid, alg, privateKey };
}

/** Reads a file, creating it first if absent; safe when several replicas start at once. */
function readOrCreate(file: string, create: () => string): string {
  mkdirSync(dirname(file), { recursive: true });
  try {
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, create());
    closeSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (let attempt = 0; ; attempt++) {
    const content = readFileSync(file, 'utf8');
    // Another replica may be between creating and writing the file.
    if (content.trim() || attempt > 50) return content;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}
