import type { CheckpointStore } from '@complaint-ledger/ledger-ports';
import type { SqlDatabase } from '@complaint-ledger/sql-kit';
import { assertSchemaName } from './ledger-schema';

/** Durable, forward-only checkpoints in PostgreSQL or PGlite. */
export class SqlCheckpointStore implements CheckpointStore {
  private readonly table: string;

  constructor(
    private readonly db: SqlDatabase,
    schema: string,
  ) {
    this.table = `${assertSchemaName(schema)}.checkpoints`;
  }

  async read(name: string): Promise<string | undefined> {
    const rows = await this.db.query(`SELECT position FROM ${this.table} WHERE name = $1`, [name]);
    return rows[0] ? String(rows[0]['position']) : undefined;
  }

  async advance(name: string, position: string): Promise<void> {
    // Positions are fixed-width text: text order is commit order. A late, older write changes nothing.
    await this.db.query(
      `INSERT INTO ${this.table} (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now() WHERE ${this.table}.position < EXCLUDED.position`,
      [name, position],
    );
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
