// Chooses and opens the event store from config: embedded PGlite in <COMPLAINTS_DATA_DIR>/event-store,
// PostgreSQL, or EventStoreDB/KurrentDB. Failures become a StartupError naming the variable.
import type { EventStore } from '@complaint-ledger/event-store';
import { openEventStoreDbEventStore } from '@complaint-ledger/event-store-eventstoredb';
import { openPgliteEventStore } from '@complaint-ledger/event-store-pglite';
import { openPostgresEventStore } from '@complaint-ledger/event-store-postgres';
import { join } from 'node:path';
import type { EventStoreConfig } from './config';
import { StartupError, describeError } from './startup-error';

/** Where the embedded store keeps its files inside the data dir. */
export function embeddedStoreDir(dataDir: string): string {
  return join(dataDir, 'event-store');
}

export async function openEventStore(config: EventStoreConfig, dataDir: string): Promise<EventStore> {
  try {
    switch (config.kind) {
      case 'embedded':
        return await openPgliteEventStore({ dataDir: embeddedStoreDir(dataDir) });
      case 'postgres':
        return await openPostgresEventStore({ connectionString: config.url, schema: config.schema });
      case 'eventstoredb':
        return await openEventStoreDbEventStore({ connectionString: config.url });
    }
  } catch (error) {
    const variable = config.kind === 'embedded' ? 'COMPLAINTS_DATA_DIR' : 'EVENT_STORE_URL';
    throw new StartupError(`cannot open the ${config.kind} event store (${describeError(error)})`, variable);
  }
}
