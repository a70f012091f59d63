/**
 * The little every SQL store here (event store, case list, registry, checkpoints) needs from a driver: statements with $n parameters
 * returning rows as objects, transactions, and multi-statement scripts. node-postgres (Pool)
 * and PGlite both fit; they are described structurally so this library imports no driver.
 */
export interface SqlQueryable {
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

export interface SqlDatabase extends SqlQueryable {
  /** Runs `work` in one transaction (BEGIN … COMMIT, ROLLBACK when it throws). */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** A parameterless script of several statements (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

/** The parts of a node-postgres `Pool` used here. */
export interface PgPoolLike {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  connect(): Promise<PgClientLike>;
  end(): Promise<void>;
}
export interface PgClientLike {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  release(error?: Error | boolean): void;
}

/** node-postgres Pool as a SqlDatabase; `ownsPool`: close() ends the pool. */
export function pgPoolDatabase(pool: PgPoolLike, ownsPool: boolean): SqlDatabase {
  return {
    async query(sql, params = []) {
      return (await pool.query(sql, [...params])).rows;
    },
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work({ query: async (sql, params = []) => (await client.query(sql, [...params])).rows });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw error;
      } finally {
        client.release(broken);
      }
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

/** The parts of a PGlite instance used here. */
export interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(work: (tx: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PGlite as a SqlDatabase; `ownsDb`: close() closes it. */
export function pgliteDatabase(db: PgliteLike, ownsDb: boolean): SqlDatabase {
  return {
    async query(sql, params = []) {
      return (await db.query<Record<string, unknown>>(sql, [...params])).rows;
    },
    async transaction(work) {
      return db.transaction((tx) =>
        work({ query: async (sql, params = []) => (await tx.query<Record<string, unknown>>(sql, [...params])).rows }),
      );
    },
    async exec(script) {
      await db.exec(script);
    },
    async close() {
      if (ownsDb) await db.close();
    },
  };
}
