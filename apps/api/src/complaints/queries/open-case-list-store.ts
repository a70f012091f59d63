// Where the case list lives: beside the event store. PostgreSQL: the same database, its own
// schema. Embedded (and EventStoreDB, which has no SQL): PGlite in <COMPLAINTS_DATA_DIR>/projections.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { SqlCaseListStore } from '@complaint-ledger/case-list-projection';
import { pgliteDatabase, pgPoolDatabase } from '@complaint-ledger/sql-kit';
import type { AppConfig } from '@complaint-ledger/runtime';

export const PROJECTIONS_SCHEMA = 'projections';

/** The projection schema for an event-store schema: `projections`, or `<schema>_projections` beside a non-default one. */
export function projectionsSchemaFor(eventSchema: string | undefined): string {
  if (!eventSchema || eventSchema === 'public') return PROJECTIONS_SCHEMA;
  return `${eventSchema.slice(0, 63 - '_projections'.length)}_projections`;
}

export async function openCaseListStore(config: AppConfig): Promise<SqlCaseListStore> {
  const store = config.eventStore;
  if (store.kind === 'postgres') {
    const pool = new Pool({ connectionString: store.url, max: 4 });
    pool.on('error', () => undefined);
    const eventSchema = (store as { schema?: string }).schema;
    return new SqlCaseListStore(pgPoolDatabase(pool, true), { schema: projectionsSchemaFor(eventSchema) });
  }
  const db = await PGlite.create(join(config.dataDir, 'projections'));
  return new SqlCaseListStore(pgliteDatabase(db, true), { schema: PROJECTIONS_SCHEMA });
}
