// The SQL event store shared by the PostgreSQL and PGlite adapters: one schema, one set of
// statements, run through whichever executor the adapter provides.
export { SqlEventStore, type SqlEventStoreOptions } from './lib/sql-event-store';
export { sqlStateOf, UNIQUE_VIOLATION, type SqlExecutor } from './lib/sql-executor';
export { migrationScript, schemaNames, appendSql, readAllSql, type SchemaNames } from './lib/schema';
