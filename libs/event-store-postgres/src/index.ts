export { openPostgresEventStore, type PostgresEventStoreOptions } from './lib/postgres-event-store';
export { SqlEventStore, type SqlEventStoreOptions } from './lib/sql/sql-event-store';
export type { SqlExecutor } from './lib/sql/sql-executor';
export { migrationScript, schemaNames, appendSql, readAllSql, type SchemaNames } from './lib/sql/schema';
