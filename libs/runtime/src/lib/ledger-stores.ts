// What lives beside the event store and every process shares: the customer registry, the relay's
// checkpoint and the leader lease. PostgreSQL mode: the event store's database (or READ_MODEL_URL),
// schema `ledger` (or `<event schema>_ledger`). Embedded: PGlite in <data dir>/ledger, one process
// by construction, so the lease is local. EventStoreDB: READ_MODEL_URL, else PGlite in the data dir.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import {
  InMemoryCheckpointStore,
  InMemoryCustomerRegistry,
  type CheckpointStore,
  type CustomerRegistry,
} from '@complaint-ledger/ledger-ports';
import { migrateLedger, SqlCheckpointStore, SqlCustomerRegistry } from '@complaint-ledger/ledger-sql';
import {
  localLeaseBackend,
  pgAdvisoryLeaseBackend,
  pgliteDatabase,
  pgPoolDatabase,
  type LeaseBackend,
  type SqlDatabase,
} from '@complaint-ledger/sql-kit';
import type { AppConfig } from './config';
import { describeError, StartupError } from './startup-error';

export interface LedgerStores {
  registry: CustomerRegistry;
  checkpoints: CheckpointStore;
  /** A lease backend for a named leader (relay, projector, scheduler). */
  leases: (name: string) => LeaseBackend;
  /** Where they live, for logs. */
  where: string;
  close(): Promise<void>;
}

/** The ledger schema beside an event-store schema. */
export function ledgerSchemaFor(eventSchema: string | undefined): string {
  return !eventSchema || eventSchema === 'public' ? 'ledger' : `${eventSchema.slice(0, 63 - '_ledger'.length)}_ledger`;
}

export async function openLedgerStores(config: AppConfig, options: { unsafeLeaseNoLock?: boolean } = {}): Promise<LedgerStores> {
  const pgUrl = config.readModelUrl ?? (config.eventStore.kind === 'postgres' ? config.eventStore.url : undefined);
  const schema = config.readModelUrl
    ? 'ledger'
    : ledgerSchemaFor(config.eventStore.kind === 'postgres' ? config.eventStore.schema : undefined);
  let db: SqlDatabase;
  let leases: (name: string) => LeaseBackend;
  let where: string;
  try {
    if (pgUrl) {
      const pool = new Pool({ connectionString: pgUrl, max: 4 });
      pool.on('error', () => undefined);
      db = pgPoolDatabase(pool, true);
      leases = (name) => pgAdvisoryLeaseBackend(pgUrl, `${schema}:${name}`, { unsafeNoLock: options.unsafeLeaseNoLock });
      where = `PostgreSQL schema ${schema}`;
    } else {
      const dir = join(config.dataDir, 'ledger');
      db = pgliteDatabase(await PGlite.create(dir), true);
      leases = () => localLeaseBackend();
      where = dir;
    }
    await migrateLedger(db, schema);
  } catch (error) {
    throw new StartupError(
      `cannot open the customer registry and checkpoints (${describeError(error)})`,
      pgUrl ? (config.readModelUrl ? 'READ_MODEL_URL' : 'EVENT_STORE_URL') : 'COMPLAINTS_DATA_DIR',
    );
  }
  // One database handle serves both: closing either store would close it, so neither owns it.
  const shared = { ...db, close: async () => undefined };
  return {
    registry: new SqlCustomerRegistry(shared, schema),
    checkpoints: new SqlCheckpointStore(shared, schema),
    leases,
    where,
    close: () => db.close(),
  };
}

/** Registry and checkpoints in memory (document printing, unit tests): nothing survives the process. */
export function inMemoryLedgerStores(): LedgerStores {
  return {
    registry: new InMemoryCustomerRegistry(),
    checkpoints: new InMemoryCheckpointStore(),
    leases: () => localLeaseBackend(),
    where: 'memory',
    close: async () => undefined,
  };
}
