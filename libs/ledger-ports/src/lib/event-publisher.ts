/** One record for the bus: key, value and headers as text (the contract's wire format). */
export interface BusRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * Where the relay publishes. `publish` resolves only once the broker acknowledged every record
 * (all in-sync replicas), in the order given; it rejects when any may not have been written, and
 * the caller sends the batch again (a re-sent record is the same record: same key, same ce_id).
 */
export interface EventPublisher {
  publish(records: readonly BusRecord[]): Promise<void>;
  close(): Promise<void>;
}

/** For unit tests: keeps what was published; `failNext(n)` makes the next n calls fail. */
export class InMemoryEventPublisher implements EventPublisher {
  readonly published: BusRecord[] = [];
  private failures = 0;

  failNext(n: number): void {
    this.failures = n;
  }

  async publish(records: readonly BusRecord[]): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('broker unavailable (test)');
    }
    this.published.push(...records.map((r) => ({ ...r, headers: { ...r.headers } })));
  }

  async close(): Promise<void> {
    return undefined;
  }
}
