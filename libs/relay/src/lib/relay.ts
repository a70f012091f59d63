// The relay: every committed event, in commit order, onto the bus, exactly as the contract says.
// A catch-up subscription from a durable checkpoint; records go out in batches through an
// idempotent producer; the checkpoint moves only after the broker acknowledged. After a crash it
// resumes from the checkpoint: nothing is lost, and a re-sent event keeps its ce_id. A broker that
// is down is retried with backoff for as long as it takes; an event that cannot be encoded stops
// the relay with an error naming it (nothing is skipped).
import { UnpublishableEventError } from '@complaint-ledger/complaint-contract';
import type { EventStore, GlobalPosition, RecordedEvent, Subscription } from '@complaint-ledger/event-store';
import type { BusRecord, CheckpointStore, CustomerRegistry, EventPublisher } from '@complaint-ledger/ledger-ports';
import { PublicEncoder } from './public-encoder';

export interface RelayPorts {
  store: EventStore;
  publisher: EventPublisher;
  checkpoints: CheckpointStore;
  registry: CustomerRegistry;
}

export interface RelayOptions {
  /** CloudEvents `source` of every record. */
  source: string;
  /** The checkpoint's name (default `relay`). */
  name?: string;
  /** Records per publish (default 500). */
  batchSize?: number;
  /** Once live, let appends gather this long before publishing (default 5 ms). */
  lingerMs?: number;
  /** Backoff of publish and subscription retries (default 100 ms doubling to 10 s). */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /**
   * TEST ONLY (RELAY_UNSAFE=checkpoint-first): move the checkpoint before the broker acknowledged,
   * so a crash between the two loses events. Never set it in production.
   */
  unsafeCheckpointFirst?: boolean;
  log?: (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void;
}

export type RelayState = 'stopped' | 'starting' | 'catching-up' | 'live' | 'retrying' | 'failed';

export interface RelayStatus {
  state: RelayState;
  /** Last position whose record the broker acknowledged (and the checkpoint holds). */
  position: GlobalPosition | 'start';
  published: number;
  retries: number;
  errors: number;
  /** Read from the store, not yet acknowledged by the broker. */
  pending: number;
  /** Age of the oldest of those (0 when none): how far the topic is behind the store. */
  lagSeconds: number;
  lastError?: string;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export class Relay {
  private readonly name: string;
  private readonly batchSize: number;
  private readonly encoder: PublicEncoder;
  private buffer: { recorded: RecordedEvent; record: BusRecord | undefined; encoded?: boolean }[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private lingerTimer: NodeJS.Timeout | undefined;
  private subscription: Subscription | undefined;
  private caughtUp = false;
  private readonly current: RelayStatus = {
    state: 'stopped',
    position: 'start',
    published: 0,
    retries: 0,
    errors: 0,
    pending: 0,
    lagSeconds: 0,
  };

  constructor(
    private readonly ports: RelayPorts,
    private readonly options: RelayOptions,
  ) {
    this.name = options.name ?? 'relay';
    this.batchSize = options.batchSize ?? 500;
    this.encoder = new PublicEncoder(ports.store, ports.registry, { source: options.source });
  }

  status(): RelayStatus {
    const oldest = this.buffer[0]?.recorded.recordedAt.getTime();
    return {
      ...this.current,
      pending: this.buffer.length,
      lagSeconds: oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000),
    };
  }

  /**
   * Relays until `signal` aborts (the lease was lost or the process stops) or an event cannot be
   * published. Records read but not acknowledged when it aborts are dropped without moving the
   * checkpoint: the next leader sends them (again).
   */
  async run(signal: AbortSignal): Promise<void> {
    this.current.state = 'starting';
    let delay = this.options.retryInitialMs ?? 100;
    while (!signal.aborted) {
      const failure = await this.follow(signal);
      if (signal.aborted) break;
      if (failure instanceof UnpublishableEventError) {
        this.current.state = 'failed';
        this.current.lastError = failure.message;
        this.options.log?.('error', `relay stopped: ${failure.message}`, { eventId: failure.eventId, eventType: failure.eventType });
        return;
      }
      // The store failed under the subscription: start again from the checkpoint after a pause.
      this.current.errors++;
      this.current.lastError = failure instanceof Error ? failure.message : String(failure);
      this.options.log?.('warn', `relay subscription failed; resuming from the checkpoint in ${delay} ms`, {
        error: this.current.lastError,
      });
      await sleep(delay, signal);
      delay = Math.min(delay * 2, this.options.retryMaxMs ?? 10_000);
    }
    this.current.state = 'stopped';
  }

  /** One subscription from the checkpoint; resolves with why it ended (undefined: aborted). */
  private async follow(signal: AbortSignal): Promise<unknown> {
    this.buffer = [];
    this.flushing = Promise.resolve();
    this.caughtUp = false;
    let checkpoint: string | undefined;
    try {
      checkpoint = await this.ports.checkpoints.read(this.name);
    } catch (error) {
      return error;
    }
    this.current.position = checkpoint ?? 'start';
    this.current.state = 'catching-up';
    return new Promise<unknown>((resolve) => {
      let ended = false;
      const end = (why: unknown) => {
        if (ended) return;
        ended = true;
        clearTimeout(this.lingerTimer);
        void this.subscription?.stop().finally(() => resolve(why));
      };
      signal.addEventListener('abort', () => end(undefined), { once: true });
      this.subscription = this.ports.store.subscribeToAll({
        fromPosition: this.current.position,
        liveBatchingMs: this.options.lingerMs ?? 5,
        onEvent: async (recorded) => {
          if (signal.aborted) return;
          this.buffer.push({ recorded, record: undefined });
          // Reading goes on while a batch is published: it waits only once two batches are waiting.
          if (this.buffer.length === this.batchSize) void this.flush(signal).catch((error: unknown) => end(error));
          if (this.buffer.length >= this.batchSize * 2) await this.flush(signal).catch((error: unknown) => end(error));
        },
        onCaughtUp: () => {
          this.caughtUp = true;
          if (this.current.state === 'catching-up') this.current.state = 'live';
          clearTimeout(this.lingerTimer);
          this.lingerTimer = setTimeout(() => void this.flush(signal).catch((error: unknown) => end(error)), 0);
        },
        onError: (error) => end(error),
      });
    });
  }

  /** Publishes what is buffered, in order, retrying until acknowledged; then moves the checkpoint. One at a time. */
  private flush(signal: AbortSignal): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow(signal));
    return this.flushing;
  }

  private async flushNow(signal: AbortSignal): Promise<void> {
    let encodedAhead: Promise<void> = Promise.resolve();
    while (this.buffer.length > 0 && !signal.aborted) {
      await encodedAhead;
      const batch = this.buffer.slice(0, this.batchSize);
      const failedAt = await this.encode(batch);
      // An event that cannot be encoded: what comes before it still goes out, then the relay stops.
      const sendable = failedAt === undefined ? batch : batch.slice(0, failedAt.index);
      if (sendable.length === 0) throw failedAt?.error;
      const records = sendable.flatMap((item) => (item.record ? [item.record] : []));
      const last = sendable[sendable.length - 1].recorded.globalPosition;
      if (this.options.unsafeCheckpointFirst) await this.ports.checkpoints.advance(this.name, last);
      const publishing = this.publishWithRetry(records, signal);
      // While this batch is on the wire (one request in flight), fold and encode the next one.
      encodedAhead =
        failedAt === undefined
          ? this.encode(this.buffer.slice(batch.length, batch.length + this.batchSize)).then(() => undefined)
          : Promise.resolve();
      await publishing;
      if (signal.aborted) return;
      await this.ports.checkpoints.advance(this.name, last);
      this.buffer.splice(0, sendable.length);
      this.current.position = last;
      this.current.published += records.length;
      if (failedAt !== undefined) throw failedAt.error;
    }
  }

  /** Encodes the items not encoded yet, in order; where it stopped on an error, if it did (later items stay unencoded). */
  private async encode(
    items: readonly { recorded: RecordedEvent; record: BusRecord | undefined; encoded?: boolean }[],
  ): Promise<{ index: number; error: unknown } | undefined> {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.encoded) continue;
      try {
        item.record = await this.encoder.encode(item.recorded);
        item.encoded = true;
      } catch (error) {
        return { index: i, error };
      }
    }
    return undefined;
  }

  private async publishWithRetry(records: BusRecord[], signal: AbortSignal): Promise<void> {
    let delay = this.options.retryInitialMs ?? 100;
    for (;;) {
      try {
        await this.ports.publisher.publish(records);
        if (this.current.state === 'retrying') {
          this.current.state = this.caughtUp ? 'live' : 'catching-up';
          this.options.log?.('info', 'relay: the broker answers again');
        }
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.current.retries++;
        this.current.state = 'retrying';
        this.current.lastError = error instanceof Error ? error.message : String(error);
        this.options.log?.('warn', `relay: publish failed, retrying in ${delay} ms`, {
          error: this.current.lastError,
          records: records.length,
        });
        await sleep(delay, signal);
        delay = Math.min(delay * 2, this.options.retryMaxMs ?? 10_000);
      }
    }
  }
}
