import { Client } from 'pg';
import type { LeaseBackend, LeaseSession } from './leader-lease';

/** A 64-bit advisory-lock key for a lease name (FNV-1a), as text for `$1::bigint`. */
export function leaseKey(name: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(`complaint-ledger:${name}`, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return BigInt.asIntN(64, hash).toString();
}

/**
 * PostgreSQL: the lease is a session advisory lock (`pg_try_advisory_lock`) on a connection of
 * its own, so it is held exactly as long as that session lives.
 */
export function pgAdvisoryLeaseBackend(
  connectionString: string,
  name: string,
  options: { unsafeNoLock?: boolean; /** A lock key of the caller's own (default: from the name). */ key?: string } = {},
): LeaseBackend {
  const key = options.key ?? leaseKey(name);
  // TEST ONLY (LEASE_UNSAFE=no-lock): grant the lease without taking the lock, to see two leaders.
  const lockSql = options.unsafeNoLock ? 'SELECT true AS ok' : 'SELECT pg_try_advisory_lock($1::bigint) AS ok';
  return {
    async tryAcquire(): Promise<LeaseSession | undefined> {
      const client = new Client({ connectionString, keepAlive: true, application_name: `complaint-ledger ${name} lease` });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const { rows } = await client.query<{ ok: boolean }>(lockSql, options.unsafeNoLock ? [] : [key]);
        if (rows[0]?.ok) {
          return {
            check: async () => void (await client.query('SELECT 1')),
            onLost: (listener) => void client.once('end', () => listener('the lease connection ended')),
            release: async () => {
              client.removeAllListeners('end');
              await client.end();
            },
          };
        }
      } catch {
        // unreachable database: stand by and try again later
      }
      await client.end().catch(() => undefined);
      return undefined;
    },
  };
}
