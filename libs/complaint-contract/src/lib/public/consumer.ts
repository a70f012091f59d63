// What a subscriber needs, without Kafka or the domain: decode a record into a typed event at the
// current version, and tell a new event from a duplicate or a re-send by the case's sequence.
import type { ComplaintEventType } from '../events';
import type { AnyPublicEvent, PublicEvent } from './public-events';
import { upcast, type Upcasters, UPCASTERS } from './upcasters';
import { decodeRecordEnvelope, type WireRecord } from './wire';

/** A record as a typed, upcast event. Throws UndecodableRecordError for a record of another kind. */
export function decodeEvent(record: WireRecord, upcasters: Upcasters = UPCASTERS): AnyPublicEvent {
  const envelope = decodeRecordEnvelope(record);
  const { version, data } = upcast(envelope.type, envelope.version, envelope.data, upcasters);
  return { ...envelope, version, data } as unknown as AnyPublicEvent;
}

/** Narrows an event to one type: `if (isEvent(e, 'ComplaintReceived')) e.data.customerRef`. */
export function isEvent<T extends ComplaintEventType>(event: AnyPublicEvent, type: T): event is Extract<AnyPublicEvent, PublicEvent<T>> {
  return event.type === type;
}

/**
 * What to do with an event given the last sequence applied for its case (undefined: none yet).
 * `apply`: the next one. `duplicate`: already applied (a redelivery or a relay re-send; skip it).
 * `gap`: an earlier one is missing; applying it would skip history (wait, or quarantine the case).
 */
export function sequenceVerdict(lastApplied: number | undefined, sequence: number): 'apply' | 'duplicate' | 'gap' {
  const next = lastApplied === undefined ? 0 : lastApplied + 1;
  return sequence === next ? 'apply' : sequence < next ? 'duplicate' : 'gap';
}

/**
 * An in-memory guard for a consumer that keeps its state in memory: remembers the last sequence
 * per case. A consumer whose state is durable stores the sequence with its state instead (same
 * transaction) and asks `sequenceVerdict`.
 */
export class CaseSequenceGuard {
  private readonly last = new Map<string, number>();

  /** `apply` (and remembered as applied), `duplicate` or `gap`. */
  offer(event: Pick<AnyPublicEvent, 'caseId' | 'sequence'>): 'apply' | 'duplicate' | 'gap' {
    const verdict = sequenceVerdict(this.last.get(event.caseId), event.sequence);
    if (verdict === 'apply') this.last.set(event.caseId, event.sequence);
    return verdict;
  }
}
