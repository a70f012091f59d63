import { createSecretKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '@complaint-ledger/runtime';

/** The caller as the token says: the subject and its roles (the `roles` claim). */
export interface Principal {
  subject: string;
  roles: readonly string[];
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface TokenVerifierOptions {
  /** Verified tokens remembered (default 10,000); 0 turns the cache off. */
  cacheSize?: number;
  /** Longest a verified token is trusted without checking it again (default 60 s; never past its `exp`). */
  cacheTtlMs?: number;
  now?: () => number;
}

interface CachedPrincipal {
  principal: Principal;
  /** ms epoch: the earlier of the token's `exp` and now + cacheTtlMs. */
  validUntil: number;
}

/**
 * Verifies `Authorization: Bearer` JWTs: HS256 with the shared secret, or any asymmetric key of a JWKS.
 *
 * A client sends the same token with every request, and checking it (HMAC, base64 and JSON of
 * header and claims) was 5% of the app's CPU under load. So a verified token is remembered, by its
 * exact text, until its `exp` but at most cacheTtlMs (which bounds how long a JWKS key that was
 * withdrawn keeps working). Only successes are kept; a token that fails is checked every time.
 */
export class TokenVerifier {
  private readonly key: KeyObject | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly cache = new Map<string, CachedPrincipal>();
  private readonly cacheSize: number;
  private readonly cacheTtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly config: AuthConfig & ({ jwtSecret: string } | { jwksUrl: string }),
    options: TokenVerifierOptions = {},
  ) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
      this.algorithms = ASYMMETRIC;
    } else if (config.jwtSecret) {
      // A KeyObject made once: given raw bytes, jose imports the key again on every call.
      this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
      this.algorithms = ['HS256'];
    } else {
      throw new Error('TokenVerifier needs jwtSecret or jwksUrl');
    }
    this.cacheSize = options.cacheSize ?? 10_000;
    this.cacheTtlMs = options.cacheTtlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const cached = this.cache.get(token);
    if (cached !== undefined) {
      if (now < cached.validUntil) return cached.principal;
      this.cache.delete(token);
    }
    const payload = await this.verifySignatureAndClaims(token, now);
    const principal = principalOf(payload);
    this.remember(token, principal, payload, now);
    return principal;
  }

  private async verifySignatureAndClaims(token: string, now: number): Promise<JWTPayload> {
    try {
      const options = {
        algorithms: this.algorithms,
        issuer: this.config.issuer,
        audience: this.config.audience,
        currentDate: new Date(now),
      };
      return typeof this.key === 'function'
        ? (await jwtVerify(token, this.key, options)).payload
        : (await jwtVerify(token, this.key, options)).payload;
    } catch (error) {
      throw new InvalidTokenError(`invalid token: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private remember(token: string, principal: Principal, payload: JWTPayload, now: number): void {
    if (this.cacheSize <= 0) return;
    const validUntil = Math.min(now + this.cacheTtlMs, typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity);
    if (validUntil <= now) return;
    // Oldest first out: a Map iterates in insertion order.
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(token, { principal, validUntil });
  }
}

function principalOf(payload: JWTPayload): Principal {
  const subject = payload['sub'];
  if (typeof subject !== 'string' || subject === '') throw new InvalidTokenError('invalid token: no "sub" claim');
  const roles = payload['roles'];
  if (roles !== undefined && !(Array.isArray(roles) && roles.every((r) => typeof r === 'string'))) {
    throw new InvalidTokenError('invalid token: "roles" must be an array of strings');
  }
  return { subject, roles: Object.freeze([...((roles as string[] | undefined) ?? [])]) };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(value) : null;
  return match ? match[1] : undefined;
}
