import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface FreshSchema {
  /** The schema's name, e.g. `t_event_store_lx3k9a_4f1c2b`. */
  readonly schema: string;
  /** The base URL with `options=-c search_path=<schema>`: every connection made with it works in the schema. */
  readonly url: string;
  /** DROP SCHEMA ... CASCADE (idempotent). */
  drop(): Promise<void>;
}

/** A name unique to this run, lower case, usable as a schema, topic or consumer-group name. */
export function uniqueName(prefix: string, maxLength = 63): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 't';
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return `${clean.slice(0, Math.max(1, maxLength - suffix.length - 1))}_${suffix}`;
}

/**
 * Creates an isolated, empty PostgreSQL schema so test files don't collide on shared tables, and
 * returns a URL whose connections use it (search_path). Drop it when done (see useFreshSchema).
 * The role needs CREATE on the database (the local `ledger` role owns `ledger_test`).
 */
export async function freshSchema(baseUrl: string, prefix = 'test'): Promise<FreshSchema> {
  const schema = uniqueName(`t_${prefix}`);
  const client = new Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await client.end();
  }
  return {
    schema,
    url: withSearchPath(baseUrl, schema),
    async drop() {
      const admin = new Client({ connectionString: baseUrl });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Adds (or replaces) `options=-c search_path=<schema>` in a postgres:// URL (node-postgres and libpq honour it). */
export function withSearchPath(baseUrl: string, schema: string): string {
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * Jest helper: a fresh schema for the enclosing describe (created in beforeAll, dropped in
 * afterAll). Returns a getter to call inside tests and hooks.
 */
export function useFreshSchema(getBaseUrl: () => string, prefix = 'test'): () => FreshSchema {
  let current: FreshSchema | undefined;
  beforeAll(async () => {
    current = await freshSchema(getBaseUrl(), prefix);
  });
  afterAll(async () => {
    await current?.drop();
  });
  return () => {
    if (!current) throw new Error('useFreshSchema: the schema exists only inside hooks and tests of its describe');
    return current;
  };
}
