import type { PreparedEvent } from '@complaint-ledger/event-store';
import { sqlStateOf, UNIQUE_VIOLATION } from './sql-executor';

/** One append waiting for the database, and what the append function answered for it. */
export interface QueuedAppend {
  streamName: string;
  expected: number;
  events: PreparedEvent[];
}
export type AppendRows = unknown[][];

const MAX_APPENDS_PER_BATCH = 100;
const MAX_BYTES_PER_BATCH = 4_000_000;

interface Pending extends QueuedAppend {
  bytes: number;
  resolve: (rows: AppendRows) => void;
  reject: (error: unknown) => void;
}

/**
 * Application-level group commit. Appends serialise on one database lock anyway, so the store
 * keeps one append call in flight and sends everything that queued meanwhile as one batch:
 * a lone append goes out at once (no added latency), a crowd shares one transaction.
 */
export class AppendBatcher {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly send: (batch: readonly QueuedAppend[]) => Promise<Array<[number, ...unknown[]]>>) {}

  append(append: QueuedAppend): Promise<AppendRows> {
    return new Promise((resolve, reject) => {
      const bytes = append.events.reduce((sum, e) => sum + e.bytes, 0);
      this.queue.push({ ...append, bytes, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        await this.sendWithRetry(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private takeBatch(): Pending[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && count < MAX_APPENDS_PER_BATCH) {
      bytes += this.queue[count].bytes;
      if (count > 0 && bytes > MAX_BYTES_PER_BATCH) break;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async sendWithRetry(batch: Pending[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const rows = await this.send(batch);
        const byAppend = batch.map((): AppendRows => []);
        for (const [index, ...rest] of rows) byAppend[index - 1].push(rest);
        batch.forEach((pending, i) => pending.resolve(byAppend[i]));
        return;
      } catch (error) {
        // Only without the append lock (test only) can a concurrent writer win a unique key:
        // run the batch again and let the function see the new state.
        if (sqlStateOf(error) === UNIQUE_VIOLATION && attempt < 10) continue;
        // One bad append must not fail its neighbours: retry them one by one before giving up.
        if (batch.length > 1) {
          for (const pending of batch) await this.sendWithRetry([pending]);
          return;
        }
        batch[0].reject(error);
        return;
      }
    }
  }
}
