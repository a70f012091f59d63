// The public contract of Complaint Ledger's events: their shapes (each stated once), JSON
// Schemas, the business vocabulary, and the stream naming rule. Depends on nothing of ours.
export * from './lib/shape/shape';
export * from './lib/vocabulary';
export * from './lib/fields';
export * from './lib/events';
export * from './lib/event-schemas';
export * from './lib/public/asyncapi';
export * from './lib/public/compatibility';
export * from './lib/public/public-docs';
export * from './lib/stream';
export * from './lib/public/clock-facts';
export * from './lib/public/public-events';
export * from './lib/public/wire';
export * from './lib/public/upcasters';
export * from './lib/public/consumer';
