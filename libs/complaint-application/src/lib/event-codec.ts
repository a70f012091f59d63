import type { ComplaintEvent } from '@complaint-ledger/complaint-contract';
import type { EventMetadata, EventToAppend, JsonObject, RecordedEvent } from '@complaint-ledger/event-store';

/** Who asked for a change and in answer to what: copied into every event's metadata. */
export interface CommandEnvelope {
  /** The token subject (`sub`) of the caller. */
  actor: string;
  correlationId: string;
  /** Id of the message that caused this one (the request id, or the event a process reacted to). */
  causationId: string;
  /** Extra metadata (e.g. idempotency key and request hash); must be JSON. */
  extra?: JsonObject;
}

/**
 * Domain events <-> store events. The store keeps `data` as the event's payload; the envelope
 * fields (schema version, case id, business time) ride in metadata beside actor and correlation,
 * so the payload stays exactly the published JSON Schema of `data`.
 */
export function toStoreEvent(event: ComplaintEvent, id: string, envelope: CommandEnvelope): EventToAppend {
  const metadata: EventMetadata = {
    ...(envelope.extra ?? {}),
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    actor: envelope.actor,
    occurredAt: event.occurredAt,
    complaintId: event.complaintId,
    schemaVersion: event.version,
  };
  return { id, type: event.type, data: event.data as unknown as JsonObject, metadata };
}

/** Rebuilds the domain event from a stored one (upcasting older schema versions goes here). */
export function fromRecordedEvent(recorded: RecordedEvent): ComplaintEvent {
  const m = recorded.metadata;
  return {
    type: recorded.type,
    version: 1,
    complaintId: String(m['complaintId']),
    occurredAt: m.occurredAt,
    data: recorded.data,
  } as unknown as ComplaintEvent;
}
