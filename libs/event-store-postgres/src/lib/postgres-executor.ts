import { Client, Pool, type PoolConfig } from 'pg';
import type { SqlExecutor } from '@complaint-ledger/event-store-sql';

/** node-postgres Pool as a SqlExecutor. `ownsPool`: close() ends the pool. */
export function poolExecutor(pool: Pool, ownsPool: boolean): SqlExecutor {
  return {
    async query(sql, params) {
      const result = await pool.query<unknown[]>({ text: sql, values: [...params], rowMode: 'array' });
      return result.rows;
    },
    async exec(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      if (ownsPool) await pool.end();
    },
    listen: (channel, onNotify) => listenOn(pool, channel, onNotify),
  };
}

const RELISTEN_DELAY_MS = 1_000;

/**
 * LISTEN on a connection of its own (outside the pool: it stays open). A lost connection is
 * re-made after a second; each (re)connect also wakes the listener once, for anything committed
 * while nobody listened (polling covers that too).
 */
async function listenOn(pool: Pool, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let closed = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const again = () => {
    if (closed) return;
    retry = setTimeout(() => void connect(), RELISTEN_DELAY_MS);
    retry.unref();
  };
  const connect = async (): Promise<void> => {
    const c = new Client(pool.options);
    c.on('error', () => undefined);
    c.on('notification', () => onNotify());
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch {
      await c.end().catch(() => undefined);
      return again();
    }
    if (closed) return void (await c.end().catch(() => undefined));
    client = c;
    c.once('end', () => {
      if (client === c) client = undefined;
      again();
    });
    onNotify();
  };
  await connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

export function createPool(config: PoolConfig): Pool {
  const pool = new Pool({ max: 10, ...config });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}
