// The SQL both PostgreSQL and PGlite run, shared by every adapter and read model: the driver
// shape (SqlDatabase), and the leader lease the relay, the projector and the scheduler share.
export * from './lib/leader-lease';
export * from './lib/pg-advisory-lease';
export * from './lib/sql-database';
