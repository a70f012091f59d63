import { randomUUID } from 'node:crypto';
import type { CustomerRegistry } from '@complaint-ledger/ledger-ports';
import type { SqlDatabase } from '@complaint-ledger/sql-kit';
import { assertSchemaName } from './ledger-schema';

/** The customer registry in PostgreSQL or PGlite (`migrateLedger` creates its table). */
export class SqlCustomerRegistry implements CustomerRegistry {
  private readonly table: string;

  constructor(
    private readonly db: SqlDatabase,
    schema: string,
    private readonly newRef: () => string = randomUUID,
  ) {
    this.table = `${assertSchemaName(schema)}.customer_registry`;
  }

  async refFor(customerId: string): Promise<string> {
    // Race-free: the first insert wins, every caller reads the winner's ref.
    await this.db.query(`INSERT INTO ${this.table} (customer_key, customer_ref) VALUES ($1, $2) ON CONFLICT (customer_key) DO NOTHING`, [
      customerId,
      this.newRef(),
    ]);
    const ref = await this.lookup(customerId);
    if (ref === undefined) throw new Error('customer registry: the ref just allocated is gone');
    return ref;
  }

  async lookup(customerId: string): Promise<string | undefined> {
    const rows = await this.db.query(`SELECT customer_ref::text AS ref FROM ${this.table} WHERE customer_key = $1`, [customerId]);
    return rows[0] ? String(rows[0]['ref']) : undefined;
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
