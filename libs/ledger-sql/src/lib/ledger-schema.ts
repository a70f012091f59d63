// The tables beside the event store that the relay and the command side share: the customer
// registry and durable checkpoints. One SQL for PostgreSQL and PGlite. Created idempotently.

/** A lower-case SQL identifier: it is interpolated into statements, so it is checked first. */
export function assertSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a schema name: ${JSON.stringify(schema)}`);
  return schema;
}

export function ledgerSchemaScript(schema: string): string {
  const s = assertSchemaName(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
-- customer_key: the customer's id as the API received it (a keyed blind index once personal data is
-- encrypted). customer_ref: random, never derived from the key; what leaves the system.
CREATE TABLE IF NOT EXISTS ${s}.customer_registry (
  customer_key text PRIMARY KEY,
  customer_ref uuid NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
  name text PRIMARY KEY,
  position text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
}
