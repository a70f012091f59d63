// One conformance suite per port of libs/ledger-ports; every adapter runs it.
export * from './lib/customer-registry.conformance';
export * from './lib/checkpoint-store.conformance';
