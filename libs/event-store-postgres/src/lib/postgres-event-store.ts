import type { Pool } from 'pg';
import { createPool, poolExecutor } from './postgres-executor';
import { SqlEventStore, type SqlEventStoreOptions } from '@complaint-ledger/event-store-sql';

export interface PostgresEventStoreOptions extends SqlEventStoreOptions {
  /** postgres:// URL; or pass `pool`. */
  connectionString?: string;
  /** An existing pool (not ended by close()). */
  pool?: Pool;
  /**
   * Pool size when the store creates the pool (default 4). Appends serialise on one lock, so
   * more connections mostly add lock hand-offs; reads are the ones that use the extra ones.
   */
  maxConnections?: number;
}

/** PostgreSQL event store (node-postgres). Migrates its schema on open. */
export async function openPostgresEventStore(options: PostgresEventStoreOptions): Promise<SqlEventStore> {
  const { pool, connectionString, maxConnections, ...storeOptions } = options;
  if (!pool && !connectionString) throw new Error('openPostgresEventStore needs a connectionString or a pool');
  const executor = pool ? poolExecutor(pool, false) : poolExecutor(createPool({ connectionString, max: maxConnections ?? 4 }), true);
  try {
    return await SqlEventStore.open(executor, storeOptions);
  } catch (error) {
    await executor.close();
    throw error;
  }
}
