import { COMPLAINT_EVENT_TYPES, EVENT_SHAPES, type ComplaintEventType } from './events';
import { objectSchema, type JsonSchema } from './shape/shape';

export type { JsonSchema } from './shape/shape';

/** Payload (`data`) schema of each event type, version 1, derived from EVENT_SHAPES. */
export const EVENT_DATA_SCHEMAS = Object.fromEntries(
  COMPLAINT_EVENT_TYPES.map((type) => [type, objectSchema(EVENT_SHAPES[type].summary, EVENT_SHAPES[type].fields)]),
) as Record<ComplaintEventType, JsonSchema>;

/** The full schema of one event: the envelope every event shares, with its own `data`. */
export function eventSchema(type: ComplaintEventType): JsonSchema {
  return {
    type: 'object',
    description: EVENT_SHAPES[type].summary,
    properties: {
      type: { type: 'string', const: type, description: 'Event type.' },
      version: { type: 'integer', const: 1, description: 'Schema version of `data`.' },
      complaintId: { type: 'string', minLength: 1, description: 'The case; its stream is `complaint-<complaintId>`.' },
      occurredAt: {
        type: 'string',
        format: 'date-time',
        description: 'Business time: when it happened in the world (may be earlier than when it was recorded).',
      },
      data: EVENT_DATA_SCHEMAS[type],
    },
    required: ['type', 'version', 'complaintId', 'occurredAt', 'data'],
    additionalProperties: false,
  };
}
