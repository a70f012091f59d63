import type { JsonObject, JsonValue } from './json';

/**
 * Opaque global position of an event in the store's total order ("$all").
 * Positions of one store compare correctly as plain strings (fixed-width encoding),
 * so `a < b` means "a was committed before b". Never parse them; never mix stores.
 */
export type GlobalPosition = string;

/**
 * 0-based revision of an event within its stream. A JS number, not a bigint: a stream would
 * need 2^53 events to lose precision, numbers survive JSON checkpoints, and they compare with
 * `<` without mixing types. The EventStoreDB adapter converts its bigints at the boundary.
 */
export type StreamRevision = number;

/** Same rules as EventStoreDB: `any`, `no_stream`, `stream_exists`, or the exact last revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | StreamRevision;

export interface EventMetadata {
  correlationId: string;
  causationId: string;
  actor: string;
  /** ISO-8601 timestamp chosen by the caller (time is injected, never read here). */
  occurredAt: string;
  [extra: string]: JsonValue;
}

export interface EventToAppend<TData extends JsonObject = JsonObject> {
  /** UUID; re-appending the same ids at the same expected revision is idempotent. */
  id: string;
  type: string;
  data: TData;
  metadata: EventMetadata;
}

export interface RecordedEvent<TData extends JsonObject = JsonObject> extends EventToAppend<TData> {
  streamName: string;
  revision: StreamRevision;
  globalPosition: GlobalPosition;
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event written (or found, for an idempotent retry). */
  nextExpectedRevision: StreamRevision;
  /** Global position of the last event written. */
  position: GlobalPosition;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Default: the first event (forwards) or the last (backwards). */
  fromRevision?: StreamRevision | 'start' | 'end';
  direction?: ReadDirection;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive, as in EventStoreDB. Default 'start'. Use `afterPosition` to page from a checkpoint. */
  fromPosition?: GlobalPosition | 'start';
  /** Exclusive: events strictly after this checkpoint. Cannot be combined with `fromPosition`. */
  afterPosition?: GlobalPosition;
  /** Default and upper bound: `MAX_READ_ALL_COUNT`. */
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint, as in EventStoreDB: delivery starts with the event after it. */
  fromPosition?: GlobalPosition | 'start';
  /** Called once per event, in global order; the next event waits for the returned promise. */
  onEvent: (event: RecordedEvent) => void | Promise<void>;
  /** Called once if the subscription dies (onEvent threw, store failed). It then stops. */
  onError?: (error: unknown) => void;
  /** Fired every time the subscription has delivered everything committed so far. */
  onCaughtUp?: (position: GlobalPosition | 'start') => void;
  /**
   * Once live, let appends gather this long (ms) before the next read, instead of reading after
   * every append (default 0). For subscribers that batch anyway, e.g. a projection committing
   * every 25 ms: one read per interval instead of one per append. A hint; push-based stores
   * (EventStoreDB) deliver as they receive.
   */
  liveBatchingMs?: number;
}

export interface Subscription {
  /** Stops delivery; resolves once no onEvent call is running. */
  stop(): Promise<void>;
}

/** The event-store port. Every store in this repository passes `eventStoreConformance`. */
export interface EventStore {
  appendToStream(streamName: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream; an unknown stream reads as empty. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of all streams in global commit order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription: history first, then live, without gap or duplicate. */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** Stops subscriptions and releases connections. Further calls fail with EventStoreClosedError. */
  close(): Promise<void>;
}
