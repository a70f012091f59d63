export { openPostgresEventStore, type PostgresEventStoreOptions } from './lib/postgres-event-store';
