import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  EventStoreClosedError,
  WrongExpectedRevisionError,
  normaliseReadAllOptions,
  normaliseReadStreamOptions,
  prepareAppend,
  PollingSubscriptions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type JsonObject,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '@complaint-ledger/event-store';
import { decodeLogPosition, encodeLogPosition, isLogPosition } from './position-codec';

export interface EventStoreDbOptions {
  /** e.g. kurrentdb://localhost:2113?tls=false (esdb:// works too). */
  connectionString: string;
  /** Poll interval of subscriptions when idle (ms). */
  pollIntervalMs?: number;
}

type EsdbEvent = NonNullable<AllStreamResolvedEvent['event']> | NonNullable<ResolvedEvent['event']>;

/**
 * EventStoreDB / KurrentDB store: a thin mapping, since the port mirrors its semantics.
 * Validation runs first (same limits as every store), so the server only sees valid appends.
 * Subscriptions use the same polling catch-up over readAll as the SQL stores: $all is in commit
 * order, so it is gap-free, and "caught up" means exactly "everything delivered".
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions: PollingSubscriptions;
  private closed = false;

  private constructor(
    private readonly client: KurrentDBClient,
    options: EventStoreDbOptions,
  ) {
    this.subscriptions = new PollingSubscriptions((read) => this.readAll(read), { pollIntervalMs: options.pollIntervalMs ?? 50 });
  }

  static open(options: EventStoreDbOptions): EventStoreDbEventStore {
    return new EventStoreDbEventStore(KurrentDBClient.connectionString`${options.connectionString}`, options);
  }

  async appendToStream(streamName: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(streamName, events, expectedRevision);
    try {
      const result = await this.client.appendToStream(
        streamName,
        prepared.map((event, i) => jsonEvent({ id: event.id, type: event.type, data: events[i].data, metadata: events[i].metadata })),
        { streamState: toStreamState(expectedRevision) },
      );
      this.subscriptions.notifier.notify();
      if (!result.position) throw new Error('EventStoreDB returned no position for a successful append');
      return { nextExpectedRevision: toRevision(result.nextExpectedRevision), position: encodeLogPosition(result.position) };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualState;
        throw new WrongExpectedRevisionError(streamName, expectedRevision, typeof actual === 'bigint' ? toRevision(actual) : 'no_stream');
      }
      throw error;
    }
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { direction, fromRevision, maxCount } = normaliseReadStreamOptions(options);
    if (maxCount === 0 || (direction === 'forwards' && fromRevision === Number.MAX_SAFE_INTEGER)) return [];
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision: fromRevision === undefined ? (direction === 'forwards' ? START : END) : BigInt(fromRevision),
        maxCount,
      })) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { from, maxCount } = normaliseReadAllOptions(options, isLogPosition);
    if (maxCount === 0) return [];
    // EventStoreDB reads $all from a position inclusively; for "after", read one more and drop it.
    const skipFirst = from !== undefined && !from.inclusive;
    const events: RecordedEvent[] = [];
    for await (const resolved of this.client.readAll({
      fromPosition: from === undefined ? START : decodeLogPosition(from.position),
      maxCount: maxCount + (skipFirst ? 1 : 0),
      direction: FORWARDS,
      filter: excludeSystemEvents(),
    })) {
      if (!resolved.event) continue;
      const event = toRecordedEvent(resolved.event);
      if (skipFirst && from && event.globalPosition <= from.position) continue;
      events.push(event);
    }
    return events.slice(0, maxCount);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.start(options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  return typeof expected === 'number' ? BigInt(expected) : expected;
}

function toRevision(revision: bigint): number {
  if (revision > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`stream revision ${revision} exceeds Number.MAX_SAFE_INTEGER`);
  return Number(revision);
}

/** The client parses JSON data; metadata may arrive as bytes when the server did not mark it JSON. */
function parseJson(value: unknown): unknown {
  return value instanceof Uint8Array ? JSON.parse(Buffer.from(value).toString('utf8')) : value;
}

function toRecordedEvent(event: EsdbEvent): RecordedEvent {
  if (!event.position) throw new Error(`EventStoreDB event ${event.id} has no position`);
  return {
    id: event.id,
    type: event.type,
    data: parseJson(event.data) as JsonObject,
    metadata: parseJson(event.metadata) as EventMetadata,
    streamName: event.streamId,
    revision: toRevision(event.revision),
    globalPosition: encodeLogPosition(event.position),
    recordedAt: event.created,
  };
}

export async function openEventStoreDbEventStore(options: EventStoreDbOptions): Promise<EventStoreDbEventStore> {
  return EventStoreDbEventStore.open(options);
}
