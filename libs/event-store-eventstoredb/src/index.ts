export { EventStoreDbEventStore, openEventStoreDbEventStore, type EventStoreDbOptions } from './lib/eventstoredb-event-store';
