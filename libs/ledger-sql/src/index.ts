// The customer registry and checkpoints in PostgreSQL or PGlite (one SQL, the sql-kit driver shape).
import type { SqlDatabase } from '@complaint-ledger/sql-kit';
import { ledgerSchemaScript } from './lib/ledger-schema';

export { ledgerSchemaScript, assertSchemaName } from './lib/ledger-schema';
export { SqlCustomerRegistry } from './lib/sql-customer-registry';
export { SqlCheckpointStore } from './lib/sql-checkpoint-store';

/** Creates the ledger tables in `schema` (idempotent). */
export async function migrateLedger(db: SqlDatabase, schema: string): Promise<void> {
  await db.exec(ledgerSchemaScript(schema));
}
