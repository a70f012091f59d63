// The events as other services see them: each stored event's `data` minus every personal field,
// with the customer's opaque `customerRef` and the clock facts after the event. Derived from the
// event shapes; the current public version of each type is stated here once.
import { COMPLAINT_EVENT_TYPES, EVENT_SHAPES, type ComplaintEventType } from '../events';
import { list, publicObjectSchema, shapeProblem, toPublic, type Fields, type JsonSchema, type PublicShapeOf } from '../shape/shape';
import { clockFactField, type ClockFact } from './clock-facts';

/** The current public schema version of each event type (bumped by a breaking change, see docs/events). */
export const PUBLIC_VERSIONS: Readonly<Record<ComplaintEventType, number>> = Object.fromEntries(
  COMPLAINT_EVENT_TYPES.map((type) => [type, 1]),
) as Record<ComplaintEventType, number>;

const clocks = list(clockFactField, 'Every clock of the case as it stands after this event.', 20);

/** The fields of each public event's `data`. */
export const PUBLIC_FIELDS: Readonly<Record<ComplaintEventType, Fields>> = Object.fromEntries(
  COMPLAINT_EVENT_TYPES.map((type) => {
    const fields: Record<string, Fields[string]> = {};
    for (const [name, f] of Object.entries(EVENT_SHAPES[type].fields)) if (!f.personal) fields[name] = f;
    // Events recorded before the customer registry lack the ref; their public form always has it.
    if ('customerRef' in fields) fields['customerRef'] = { ...fields['customerRef'], required: true };
    fields['clocks'] = clocks;
    return [type, fields];
  }),
) as Record<ComplaintEventType, Fields>;

type EventFields<T extends ComplaintEventType> = (typeof EVENT_SHAPES)[T]['fields'];
/** The `data` of a public event of type T. */
export type PublicEventData<T extends ComplaintEventType> = Omit<PublicShapeOf<EventFields<T>>, 'customerRef'> & {
  clocks: ClockFact[];
} & (T extends 'ComplaintReceived' ? { customerRef: string } : unknown);

/** One published event: the CloudEvents attributes, as a consumer reads them, and its data. */
export interface PublicEvent<T extends ComplaintEventType = ComplaintEventType> {
  /** Unique id of the event (`ce_id`): the same on every re-send. */
  id: string;
  type: T;
  /** Schema version of `data` (after upcasting: the current one). */
  version: number;
  /** The complaint (`ce_subject`, the record key). */
  caseId: string;
  /** The case's revision: 0, 1, 2, ... with no gaps (`ce_sequence`). */
  sequence: number;
  /** Global commit position in the store (`ce_position`), as a decimal string. */
  position: string;
  /** Business time (`ce_time`). */
  occurredAt: string;
  /** When the store recorded it (`ce_recordedtime`). */
  recordedAt: string;
  correlationId: string;
  causationId: string;
  data: PublicEventData<T>;
}
export type AnyPublicEvent = { [T in ComplaintEventType]: PublicEvent<T> }[ComplaintEventType];

/** The published JSON Schema of an event type's `data` at its current version. */
export function publicDataSchema(type: ComplaintEventType): JsonSchema {
  return publicObjectSchema(EVENT_SHAPES[type].summary, PUBLIC_FIELDS[type]);
}

/** Refused by the codec: the event cannot be published as it is (the relay stops and names it). */
export class UnpublishableEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`event ${eventId} (${eventType}) cannot be published: ${reason}`);
    this.name = 'UnpublishableEventError';
  }
}

/**
 * The public `data` of a stored event: personal fields dropped, the customer's ref and the clock
 * facts added, and the result checked against the public definition (never publish what the
 * contract does not describe).
 */
export function toPublicData<T extends ComplaintEventType>(
  type: T,
  eventId: string,
  data: Readonly<Record<string, unknown>>,
  extras: { customerRef?: string; clocks: readonly ClockFact[] },
): PublicEventData<T> {
  const fields = PUBLIC_FIELDS[type];
  if (!fields) throw new UnpublishableEventError(String(type), eventId, 'unknown event type');
  const out = toPublic(fields, data);
  if ('customerRef' in fields) out['customerRef'] = extras.customerRef ?? data['customerRef'];
  out['clocks'] = extras.clocks.map((c) => ({ ...c }));
  const problem = shapeProblem(fields, out);
  if (problem) throw new UnpublishableEventError(type, eventId, `${problem.field} ${problem.reason}`);
  return out as PublicEventData<T>;
}
