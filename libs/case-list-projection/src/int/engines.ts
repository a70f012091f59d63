// Integration wiring (tests only): the event store and the case-list store on PostgreSQL or on
// PGlite, opened the same way in the test process and in the crash test's child process.
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import type { EventStore } from '@complaint-ledger/event-store';
import { openPgliteEventStore } from '@complaint-ledger/event-store-pglite';
import { openPostgresEventStore } from '@complaint-ledger/event-store-postgres';
import { pgliteDatabase, pgPoolDatabase } from '@complaint-ledger/sql-kit';
import { SqlCaseListStore, type SqlCaseListStoreOptions } from '../index';

export type EngineConfig =
  { kind: 'postgres'; url: string; eventSchema: string; listSchema: string } | { kind: 'pglite'; eventsDir: string; listDir: string };

export async function openEventStore(config: EngineConfig): Promise<EventStore> {
  return config.kind === 'postgres'
    ? openPostgresEventStore({ connectionString: config.url, schema: config.eventSchema, maxConnections: 4 })
    : openPgliteEventStore({ dataDir: config.eventsDir });
}

export async function openCaseListStore(config: EngineConfig, options: SqlCaseListStoreOptions = {}): Promise<SqlCaseListStore> {
  if (config.kind === 'postgres') {
    const pool = new Pool({ connectionString: config.url, max: 4 });
    pool.on('error', () => undefined);
    return new SqlCaseListStore(pgPoolDatabase(pool, true), { schema: config.listSchema, ...options });
  }
  const db = await PGlite.create(config.listDir);
  return new SqlCaseListStore(pgliteDatabase(db, true), { schema: 'projections', ...options });
}
