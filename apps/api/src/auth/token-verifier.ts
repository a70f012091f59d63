import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config/config';

/** The caller as the token says: the subject and its roles (the `roles` claim). */
export interface Principal {
  subject: string;
  roles: string[];
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Verifies `Authorization: Bearer` JWTs: HS256 with the shared secret, or any asymmetric key of a JWKS. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly config: AuthConfig & ({ jwtSecret: string } | { jwksUrl: string })) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
      this.algorithms = ASYMMETRIC;
    } else {
      this.key = new TextEncoder().encode(config.jwtSecret);
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: Record<string, unknown>;
    try {
      const options = { algorithms: this.algorithms, issuer: this.config.issuer, audience: this.config.audience };
      payload =
        this.key instanceof Uint8Array
          ? (await jwtVerify(token, this.key, options)).payload
          : (await jwtVerify(token, this.key, options)).payload;
    } catch (error) {
      throw new InvalidTokenError(`invalid token: ${error instanceof Error ? error.message : String(error)}`);
    }
    const subject = payload['sub'];
    if (typeof subject !== 'string' || subject === '') throw new InvalidTokenError('invalid token: no "sub" claim');
    const roles = payload['roles'];
    if (roles !== undefined && !(Array.isArray(roles) && roles.every((r) => typeof r === 'string'))) {
      throw new InvalidTokenError('invalid token: "roles" must be an array of strings');
    }
    return { subject, roles: (roles as string[] | undefined) ?? [] };
  }
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(value) : null;
  return match ? match[1] : undefined;
}
