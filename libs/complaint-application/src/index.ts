export * from './lib/event-codec';
