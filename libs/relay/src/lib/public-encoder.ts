// Stored event -> the record subscribers receive. Folds each case through the domain to publish
// the clock facts after every event (so subscribers never re-implement the clock rules), fills in
// the customer's ref for events recorded before the registry, and applies the contract's codec.
import {
  complaintIdOfStream,
  PUBLIC_VERSIONS,
  toPublicData,
  toRecord,
  UnpublishableEventError,
  type ComplaintEventType,
} from '@complaint-ledger/complaint-contract';
import { fromRecordedEvent } from '@complaint-ledger/complaint-application';
import { clockFactsOf, createDecider, type ComplaintState } from '@complaint-ledger/complaint-domain';
import type { EventStore, RecordedEvent } from '@complaint-ledger/event-store';
import type { BusRecord, CustomerRegistry } from '@complaint-ledger/ledger-ports';

export interface PublicEncoderOptions {
  /** CloudEvents `source`. */
  source: string;
  /** Cases whose state is kept between events (least recently used go first; default 50,000). */
  cacheSize?: number;
}

/** Encodes stored events in global order. Not thread-safe: one relay uses one encoder. */
export class PublicEncoder {
  private readonly decider = createDecider();
  private readonly states = new Map<string, { revision: number; state: ComplaintState }>();
  private readonly cacheSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly registry: CustomerRegistry,
    private readonly options: PublicEncoderOptions,
  ) {
    this.cacheSize = options.cacheSize ?? 50_000;
  }

  /** The record of one complaint event, or undefined for an event of another kind of stream. */
  async encode(recorded: RecordedEvent): Promise<BusRecord | undefined> {
    const caseId = complaintIdOfStream(recorded.streamName);
    if (caseId === null) return undefined;
    const type = recorded.type as ComplaintEventType;
    if (!(type in PUBLIC_VERSIONS)) throw new UnpublishableEventError(recorded.type, recorded.id, 'unknown event type');
    let after: ComplaintState;
    try {
      after = this.decider.evolve(await this.stateBefore(caseId, recorded), fromRecordedEvent(recorded));
    } catch (error) {
      throw new UnpublishableEventError(
        type,
        recorded.id,
        `the case's history does not fold: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.remember(caseId, recorded.revision, after);
    const data = recorded.data as Record<string, unknown>;
    const customerRef =
      type === 'ComplaintReceived' && typeof data['customerRef'] !== 'string' && typeof data['customerId'] === 'string'
        ? await this.registry.refFor(data['customerId'])
        : undefined;
    const m = recorded.metadata;
    return toRecord(
      {
        id: recorded.id,
        type,
        version: PUBLIC_VERSIONS[type],
        caseId,
        sequence: recorded.revision,
        position: recorded.globalPosition,
        occurredAt: m.occurredAt,
        recordedAt: recorded.recordedAt.toISOString(),
        correlationId: m.correlationId,
        causationId: m.causationId,
        data: toPublicData(type, recorded.id, data, { ...(customerRef ? { customerRef } : {}), clocks: clockFactsOf(after.context) }),
      },
      this.options.source,
    );
  }

  /** The case as it stood before this event: from the cache, else folded from the store. */
  private async stateBefore(caseId: string, recorded: RecordedEvent): Promise<ComplaintState> {
    const cached = this.states.get(caseId);
    if (cached && cached.revision === recorded.revision - 1) return cached.state;
    if (recorded.revision === 0) return this.decider.initialState;
    const history = await this.store.readStream(recorded.streamName, { maxCount: recorded.revision });
    if (history.length !== recorded.revision) {
      throw new UnpublishableEventError(
        recorded.type,
        recorded.id,
        `the stream holds ${history.length} events before revision ${recorded.revision}`,
      );
    }
    return this.decider.fold(history.map(fromRecordedEvent));
  }

  private remember(caseId: string, revision: number, state: ComplaintState): void {
    this.states.delete(caseId);
    this.states.set(caseId, { revision, state });
    if (this.states.size > this.cacheSize) this.states.delete(this.states.keys().next().value as string);
  }
}
