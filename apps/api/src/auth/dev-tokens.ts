// Development convenience: with neither AUTH_JWT_SECRET nor AUTH_JWKS_URL configured, a random
// HS256 secret is generated once and kept in <data dir>/auth-secret (mode 0600), so tokens keep
// working across restarts, and a ready token per role is printed at start-up.
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROLES, type Role } from './roles';

export const DEV_SECRET_FILE = 'auth-secret';

/** Reads the data dir's secret, creating it (atomically: O_EXCL, fsync) on first use. */
export async function loadOrCreateDevSecret(dataDir: string): Promise<{ secret: string; created: boolean }> {
  const path = join(dataDir, DEV_SECRET_FILE);
  try {
    const fh = await open(path, 'wx', 0o600);
    const secret = randomBytes(48).toString('base64url');
    try {
      await fh.writeFile(`${secret}\n`, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    return { secret, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = (await readFile(path, 'utf8')).trim();
  if (Buffer.byteLength(secret) < 32) throw new Error(`${path} holds no usable secret (remove it to get a new one)`);
  return { secret, created: false };
}

/** An HS256 token for `sub` with `roles`. */
export async function signToken(secret: string, subject: string, roles: string[], ttlSeconds = 30 * 24 * 3600): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

/** One token per role, subject `dev-<role>`. */
export async function devTokens(secret: string): Promise<Record<Role, string>> {
  const entries = await Promise.all(ROLES.map(async (role) => [role, await signToken(secret, `dev-${role}`, [role])] as const));
  return Object.fromEntries(entries) as Record<Role, string>;
}
