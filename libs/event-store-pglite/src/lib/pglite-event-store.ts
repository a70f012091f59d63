import { PGlite } from '@electric-sql/pglite';
// Shared SQL: the embedded store runs the PostgreSQL store's schema and queries unchanged.
import { SqlEventStore, type SqlEventStoreOptions, type SqlExecutor } from '@complaint-ledger/event-store-sql';
import { lockDataDir } from './data-dir-lock';

export interface PgliteEventStoreOptions extends Omit<SqlEventStoreOptions, 'schema'> {
  /** Directory of the database files (created if missing); 'memory://' for a volatile store. */
  dataDir: string;
}

/**
 * PGlite executor. PGlite is a single connection and runs one query at a time; every append is
 * a single statement (append_events), so appends are serialised and atomic without more locking.
 */
function pgliteExecutor(db: PGlite, release: () => void): SqlExecutor {
  return {
    async query(sql, params) {
      const result = await db.query<unknown[]>(sql, [...params], { rowMode: 'array' });
      return result.rows;
    },
    async exec(script) {
      await db.exec(script);
    },
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

/** Embedded event store (PostgreSQL compiled to WASM, file-backed): the default for `npm start`. */
export async function openPgliteEventStore(options: PgliteEventStoreOptions): Promise<SqlEventStore> {
  const { dataDir, ...storeOptions } = options;
  const volatile = dataDir.startsWith('memory://');
  const release = volatile ? () => undefined : lockDataDir(dataDir);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(dataDir);
    return await SqlEventStore.open(pgliteExecutor(db, release), { aggregateReads: true, ...storeOptions });
  } catch (error) {
    await db?.close().catch(() => undefined);
    release();
    throw error;
  }
}
