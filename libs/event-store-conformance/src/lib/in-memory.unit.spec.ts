import { InMemoryEventStore } from '@complaint-ledger/event-store';
import { eventStoreConformance } from './event-store-conformance';

// The in-memory store is volatile: no durability capability, so the SIGKILL cases report as skipped.
eventStoreConformance('in-memory', async () => new InMemoryEventStore(), { rejectsReusedEventIds: true });
