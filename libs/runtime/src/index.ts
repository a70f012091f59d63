// What every process of Complaint Ledger (API, relay, projector, scheduler) shares to start: one
// validated configuration, opening the configured engines, start-up errors an operator can act on.
export * from './lib/config';
export * from './lib/startup-error';
export * from './lib/open-event-store';
export * from './lib/ledger-stores';
export * from './lib/relay-host';
