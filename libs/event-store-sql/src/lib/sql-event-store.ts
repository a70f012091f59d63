import {
  EventStoreClosedError,
  isSequencePosition,
  normaliseReadAllOptions,
  normaliseReadStreamOptions,
  prepareAppend,
  resolveRetry,
  sequencePosition,
  PollingSubscriptions,
  wrongRevision,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type JsonObject,
  type EventMetadata,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '@complaint-ledger/event-store';
import { AppendBatcher, type QueuedAppend } from './append-batcher';
import {
  appendBatchSql,
  appendSql,
  EXPECTED_ANY,
  EXPECTED_NO_STREAM,
  EXPECTED_STREAM_EXISTS,
  migrationScript,
  readAllSql,
  readAllAggregatedSql,
  readStreamSql,
  schemaNames,
  type SchemaNames,
} from './schema';
import { sqlStateOf, UNIQUE_VIOLATION, type SqlExecutor } from './sql-executor';

export interface SqlEventStoreOptions {
  /** PostgreSQL schema holding the events table (default "public"). */
  schema?: string;
  /** How often a subscription polls when no append went through this store object (ms). */
  pollIntervalMs?: number;
  /**
   * TEST ONLY. false drops the advisory lock that makes position order commit order (and the
   * in-process batching), to reproduce the skipped-row trap and append races. Never set it
   * elsewhere.
   */
  unsafeAppendLock?: boolean;
  /**
   * Read pages as one aggregated JSON text instead of one protocol row per event. PGlite decodes
   * rows in WASM and JS one field at a time; a single text parsed by JSON.parse is about twice as
   * fast there (measured: ~200k vs ~85k events/s). On PostgreSQL through node-postgres it is slower
   * (~195k vs ~305k), so only the PGlite adapter turns it on. The json columns are embedded
   * verbatim, so what comes back is unchanged (the conformance suite checks it).
   */
  aggregateReads?: boolean;
  /**
   * Wake live subscriptions by LISTEN/NOTIFY when another process (or another store object)
   * appends, instead of waiting for the next poll (default true where the driver can listen).
   */
  listenForAppends?: boolean;
}

type Row = unknown[];

/**
 * The event store over SQL, shared by PostgreSQL (node-postgres) and PGlite: append functions
 * in the database (see schema.ts) fed by an AppendBatcher (group commit), plain SELECTs for
 * reads, and a polling catch-up subscription that is gap-free because positions become
 * visible in order.
 */
export class SqlEventStore implements EventStore {
  private readonly names: SchemaNames;
  private readonly subscriptions: PollingSubscriptions;
  private readonly appendLock: boolean;
  private readonly batcher = new AppendBatcher((batch) => this.sendBatch(batch));
  private closed = false;
  private listening: Promise<(() => Promise<void>) | undefined> | undefined;

  private constructor(
    private readonly executor: SqlExecutor,
    private readonly options: SqlEventStoreOptions,
  ) {
    this.names = schemaNames(options.schema);
    this.appendLock = options.unsafeAppendLock ?? true;
    this.subscriptions = new PollingSubscriptions((read) => this.readAll(read), { pollIntervalMs: options.pollIntervalMs ?? 50 });
  }

  /** Runs the idempotent migration, then returns the store. */
  static async open(executor: SqlExecutor, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    const store = new SqlEventStore(executor, options);
    await executor.exec(migrationScript(store.names));
    return store;
  }

  async appendToStream(streamName: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(streamName, events, expectedRevision);
    const ids = prepared.map((e) => e.id);
    const append = { streamName, expected: encodeExpected(expectedRevision), events: prepared };
    // Without the lock (test only) appends also skip the batcher, so they really race.
    const rows = this.appendLock ? await this.batcher.append(append) : await this.sendUnbatched(append);
    const outcome = rows[0]?.[0];
    const current = rows[0]?.[5] == null ? undefined : Number(rows[0][5]);
    if (outcome === 'written') {
      this.subscriptions.notifier.notify();
      return { nextExpectedRevision: Number(rows[0][3]), position: sequencePosition(String(rows[0][4])) };
    }
    if (outcome === 'wrong_revision') throw wrongRevision(streamName, expectedRevision, current);
    const stored = rows.map((row) => ({
      id: String(row[1]),
      streamName: String(row[2]),
      revision: Number(row[3]),
      position: sequencePosition(String(row[4])),
    }));
    return resolveRetry(streamName, ids, expectedRevision, current, stored);
  }

  private async sendUnbatched(append: QueuedAppend): Promise<unknown[][]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.sendBatch([append])).map(([, ...rest]) => rest);
      } catch (error) {
        if (sqlStateOf(error) !== UNIQUE_VIOLATION || attempt >= 10) throw error;
      }
    }
  }

  private async sendBatch(batch: readonly QueuedAppend[]): Promise<Array<[number, ...unknown[]]>> {
    if (batch.length === 1) {
      // A lone append skips the batch wrapper: one plpgsql call less on the sequential path.
      const [{ streamName, expected, events }] = batch;
      const rows = await this.executor.query(appendSql(this.names), [
        streamName,
        expected,
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.dataJson),
        events.map((e) => e.metadataJson),
        this.appendLock,
      ]);
      return rows.map((row): [number, ...unknown[]] => [1, ...row]);
    }
    const events = batch.flatMap((append) => append.events);
    return (await this.executor.query(appendBatchSql(this.names), [
      batch.map((append) => append.streamName),
      batch.map((append) => append.expected),
      batch.map((append) => append.events.length),
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.dataJson),
      events.map((e) => e.metadataJson),
      this.appendLock,
    ])) as Array<[number, ...unknown[]]>;
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { direction, fromRevision, maxCount } = normaliseReadStreamOptions(options);
    if (maxCount === 0 || typeof streamName !== 'string') return [];
    const from = fromRevision ?? (direction === 'forwards' ? 0 : Number.MAX_SAFE_INTEGER);
    const rows = await this.executor.query(readStreamSql(this.names, direction), [streamName, from, maxCount]);
    return rows.map(toRecordedEvent);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { from, maxCount } = normaliseReadAllOptions(options, isSequencePosition);
    if (maxCount === 0) return [];
    const params = [from === undefined ? '0' : BigInt(from.position).toString(), maxCount];
    if (this.options.aggregateReads) {
      const [[text]] = await this.executor.query(readAllAggregatedSql(this.names, from?.inclusive ?? false), params);
      return typeof text === 'string' ? (JSON.parse(text) as Row[]).map(toRecordedEventFromJson) : [];
    }
    const rows = await this.executor.query(readAllSql(this.names, from?.inclusive ?? false), params);
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    this.listening ??= this.listen();
    return this.subscriptions.start(options);
  }

  /** Started with the first subscription: one listening connection per store object. */
  private async listen(): Promise<(() => Promise<void>) | undefined> {
    if (this.options.listenForAppends === false || !this.executor.listen) return undefined;
    try {
      return await this.executor.listen(this.names.notifyChannel, () => this.subscriptions.notifier.notify());
    } catch {
      return undefined; // polling still delivers everything
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    const unlisten = await this.listening;
    await unlisten?.();
    await this.executor.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function encodeExpected(expected: ExpectedRevision): number {
  switch (expected) {
    case 'any':
      return EXPECTED_ANY;
    case 'no_stream':
      return EXPECTED_NO_STREAM;
    case 'stream_exists':
      return EXPECTED_STREAM_EXISTS;
    default:
      return expected;
  }
}

/** Row of the aggregated read: same columns, with position as text and recorded_at as an ISO string. */
function toRecordedEventFromJson(row: Row): RecordedEvent {
  return toRecordedEvent([row[0], row[1], row[2], row[3], row[4], row[5], row[6], new Date(row[7] as string)]);
}

/** Row in COLUMNS order (schema.ts). Drivers already parse json to values and timestamptz to Date. */
function toRecordedEvent(row: Row): RecordedEvent {
  return {
    globalPosition: sequencePosition(String(row[0])),
    streamName: row[1] as string,
    revision: Number(row[2]),
    id: row[3] as string,
    type: row[4] as string,
    data: row[5] as JsonObject,
    metadata: row[6] as EventMetadata,
    recordedAt: row[7] as Date,
  };
}
