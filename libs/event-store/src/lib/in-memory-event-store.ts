import { expectationHolds, resolveRetry, wrongRevision, type StoredEventLocation } from './append-rules';
import { EventStoreClosedError } from './errors';
import { PollingSubscriptions } from './polling-subscription';
import { isSequencePosition, sequencePosition } from './position';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from './types';
import { normaliseReadAllOptions, normaliseReadStreamOptions, prepareAppend } from './validation';

interface StoredEvent {
  id: string;
  type: string;
  dataJson: string;
  metadataJson: string;
  streamName: string;
  revision: number;
  position: string;
  recordedAt: Date;
}

export interface InMemoryEventStoreOptions {
  clock?: () => Date;
}

/**
 * Volatile store for unit tests of code above the port. Same rules as the real stores (it
 * passes the conformance suite, except the durability cases): events are kept as JSON text
 * and parsed on read, so callers can neither mutate stored events nor store non-JSON.
 */
export class InMemoryEventStore implements EventStore {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
  private readonly subscriptions = new PollingSubscriptions((read) => this.readAll(read));
  private readonly clock: () => Date;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  async appendToStream(streamName: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(streamName, events, expectedRevision);
    // Check and write happen in one synchronous block: no await in between, so no other
    // append can interleave. (Put an `await` between them and the 50-appender race fails.)
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? undefined : stream.length - 1;
    const stored = prepared.map((event) => this.byId.get(event.id)).filter((event) => event !== undefined);
    if (stored.length > 0) {
      return resolveRetry(
        streamName,
        prepared.map((event) => event.id),
        expectedRevision,
        current,
        stored.map(toLocation),
      );
    }
    if (!expectationHolds(expectedRevision, current)) throw wrongRevision(streamName, expectedRevision, current);
    const recordedAt = this.clock();
    for (const event of prepared) {
      const record: StoredEvent = {
        ...event,
        streamName,
        revision: stream.length,
        position: sequencePosition(this.all.length + 1),
        recordedAt,
      };
      stream.push(record);
      this.all.push(record);
      this.byId.set(record.id, record);
    }
    this.streams.set(streamName, stream);
    this.subscriptions.notifier.notify();
    const last = stream[stream.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { direction, fromRevision, maxCount } = normaliseReadStreamOptions(options);
    const stream = this.streams.get(streamName) ?? [];
    const selected =
      direction === 'forwards'
        ? stream.slice(fromRevision ?? 0, (fromRevision ?? 0) + maxCount)
        : stream
            .slice(0, Math.min(stream.length, (fromRevision ?? stream.length - 1) + 1))
            .reverse()
            .slice(0, maxCount);
    return selected.map(toRecorded);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { from, maxCount } = normaliseReadAllOptions(options, isSequencePosition);
    // Positions are 1-based indexes into `all`.
    const startIndex = from === undefined ? 0 : Number(from.position) - (from.inclusive ? 1 : 0);
    return this.all.slice(Math.max(0, startIndex), Math.max(0, startIndex) + maxCount).map(toRecorded);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.start(options);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.subscriptions.stopAll();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function toLocation(event: StoredEvent): StoredEventLocation {
  return { id: event.id, streamName: event.streamName, revision: event.revision, position: event.position };
}

function toRecorded(event: StoredEvent): RecordedEvent {
  return {
    id: event.id,
    type: event.type,
    data: JSON.parse(event.dataJson),
    metadata: JSON.parse(event.metadataJson),
    streamName: event.streamName,
    revision: event.revision,
    globalPosition: event.position,
    recordedAt: new Date(event.recordedAt),
  };
}
