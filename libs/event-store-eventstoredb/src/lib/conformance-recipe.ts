import type { EventStore } from '@complaint-ledger/event-store';
import { openEventStoreDbEventStore } from './eventstoredb-event-store';

/** Opened by the conformance suite's durability cases in child processes. */
export async function openForConformance(config: { connectionString: string }): Promise<EventStore> {
  return openEventStoreDbEventStore({ connectionString: config.connectionString });
}
