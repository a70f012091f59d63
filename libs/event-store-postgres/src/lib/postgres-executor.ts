import { Pool, type PoolConfig } from 'pg';
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
  };
}

export function createPool(config: PoolConfig): Pool {
  const pool = new Pool({ max: 10, ...config });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}
