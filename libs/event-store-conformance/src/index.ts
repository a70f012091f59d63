export { eventStoreConformance } from './lib/event-store-conformance';
export { openStoreFromRecipe, type ChildStoreRecipe, type ConformanceCapabilities, type EventStoreFactory } from './lib/capabilities';
export { makeEvent, makeEvents, uniqueStream, readAllAfter } from './lib/fixtures';
