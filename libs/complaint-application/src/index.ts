export * from './lib/event-codec';
export * from './lib/commands';
