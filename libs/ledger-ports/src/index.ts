// Ports of the processes around the event store: the customer registry, durable checkpoints and
// the bus the relay publishes to. Adapters: libs/ledger-sql (PostgreSQL, PGlite), libs/bus-kafka.
export * from './lib/customer-registry';
export * from './lib/checkpoint-store';
export * from './lib/event-publisher';
