/**
 * Durable positions of the processes that follow the event store (the relay): read at start,
 * moved only after the work up to a position is done. Positions are the store's global positions
 * (they compare as text). Writes only move forward, so a late write of a deposed leader cannot
 * take a checkpoint back.
 */
export interface CheckpointStore {
  read(name: string): Promise<string | undefined>;
  /** Moves `name` to `position` unless it is already at or past it. */
  advance(name: string, position: string): Promise<void>;
  close(): Promise<void>;
}

export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, string>();

  async read(name: string): Promise<string | undefined> {
    return this.positions.get(name);
  }

  async advance(name: string, position: string): Promise<void> {
    const current = this.positions.get(name);
    if (current === undefined || current < position) this.positions.set(name, position);
  }

  async close(): Promise<void> {
    return undefined;
  }
}
