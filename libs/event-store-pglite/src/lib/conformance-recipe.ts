import type { EventStore } from '@complaint-ledger/event-store';
import { openPgliteEventStore } from './pglite-event-store';

/** Opened by the conformance suite's durability cases, in child processes and in the test. */
export async function openForConformance(config: { dataDir: string }): Promise<EventStore> {
  return openPgliteEventStore({ dataDir: config.dataDir });
}
