import type { EventStore, JsonValue } from '@complaint-ledger/event-store';

/**
 * How a separate Node process opens the same store: `require(modulePath)[exportName](config)`
 * must resolve to an EventStore. Child processes run the module through @swc-node/register.
 */
export interface ChildStoreRecipe {
  /** Absolute path of a .ts module. */
  modulePath: string;
  exportName: string;
  config: JsonValue;
}

export interface ConformanceCapabilities {
  /**
   * Present for stores that keep acknowledged events across process death. The durability
   * cases (SIGKILL of a reader/writer process, restart from checkpoint) call it with a fresh
   * directory and open the returned recipe in child processes — and in the test process, but
   * never at the same time as a child, so single-process engines (PGlite) qualify.
   * Absent (in-memory store): those cases are reported as skipped, by name.
   */
  durability?: (workDir: string) => ChildStoreRecipe;
  /**
   * An event id names one event in the whole store (PostgreSQL, PGlite, in-memory): reusing it
   * anywhere except as an exact retry is refused with DuplicateEventIdError. EventStoreDB only
   * deduplicates retries and would store such an event again, so its leg sets this to false.
   */
  rejectsReusedEventIds: boolean;
}

export type EventStoreFactory = () => Promise<EventStore>;

export async function openStoreFromRecipe(recipe: ChildStoreRecipe): Promise<EventStore> {
  // require, not import(): Jest runs CommonJS without --experimental-vm-modules.
  const loaded = require(recipe.modulePath) as Record<string, unknown>;
  const open = loaded[recipe.exportName];
  if (typeof open !== 'function') throw new Error(`${recipe.modulePath} does not export a function ${recipe.exportName}`);
  return (await open(recipe.config)) as EventStore;
}
