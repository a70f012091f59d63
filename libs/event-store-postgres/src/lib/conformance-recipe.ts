import type { EventStore } from '@complaint-ledger/event-store';
import { openPostgresEventStore } from './postgres-event-store';

export interface PostgresRecipeConfig {
  connectionString: string;
  schema: string;
}

/** Opened by the conformance suite's child processes (see ChildStoreRecipe). */
export async function openForConformance(config: PostgresRecipeConfig): Promise<EventStore> {
  return openPostgresEventStore({ connectionString: config.connectionString, schema: config.schema, maxConnections: 4 });
}
