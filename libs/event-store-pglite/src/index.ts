export { openPgliteEventStore, type PgliteEventStoreOptions } from './lib/pglite-event-store';
