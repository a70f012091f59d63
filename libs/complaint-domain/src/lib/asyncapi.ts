import { COMPLAINT_EVENT_TYPES } from './events';
import { eventSchema } from './event-schemas';

/** Kafka topic of the public complaint-event contract, major version in the name. */
export const COMPLAINT_EVENTS_TOPIC = 'complaints.events.v1';

/**
 * AsyncAPI 3.1 description of the public event contract, generated from the same schemas as the
 * catalogue. One channel (the topic), keyed by complaint id so a case's events stay in order on
 * one partition; one message per event type and schema version. The relay that publishes it is
 * a later issue; the wire shape is fixed here so subscribers can be written against it.
 */
export function complaintEventsAsyncApi(): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  for (const type of COMPLAINT_EVENT_TYPES) {
    const schema = eventSchema(type);
    messages[`${type}.v1`] = {
      name: type,
      title: `${type} v1`,
      summary: schema.description,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/Headers' },
      payload: { schemaFormat: 'application/schema+json;version=draft-07', schema: { $ref: `./schemas/${type}.v1.json` } },
    };
  }
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Complaint Ledger events',
      version: '1.0.0',
      description:
        'Every committed domain event of every complaint, in commit order per complaint. Delivery is at least once: deduplicate on the `event-id` header. Additive changes keep the version; a breaking change to an event publishes a new message version beside the old one.',
    },
    defaultContentType: 'application/json',
    channels: {
      complaintEvents: {
        address: COMPLAINT_EVENTS_TOPIC,
        description: 'Kafka topic; the record key is the complaint id.',
        messages: Object.fromEntries(Object.keys(messages).map((name) => [name, { $ref: `#/components/messages/${name}` }])),
      },
    },
    operations: {
      receiveComplaintEvents: {
        action: 'receive',
        channel: { $ref: '#/channels/complaintEvents' },
        summary: 'Subscribe to complaint events.',
      },
    },
    components: {
      messages,
      schemas: {
        Headers: {
          type: 'object',
          required: ['event-id', 'event-type', 'schema-version', 'correlation-id', 'causation-id'],
          properties: {
            'event-id': { type: 'string', format: 'uuid', description: 'Unique id of the event: the deduplication key.' },
            'event-type': { type: 'string', enum: [...COMPLAINT_EVENT_TYPES] },
            'schema-version': { type: 'string', description: 'Version of the payload schema, e.g. "1".' },
            'correlation-id': { type: 'string', description: 'Ties together everything caused by one request.' },
            'causation-id': { type: 'string', description: 'Id of the message that caused this event.' },
            actor: { type: 'string', description: 'Who did it (token subject); absent for system actions.' },
            'stream-revision': { type: 'string', description: '0-based revision of the event in its complaint stream.' },
          },
        },
      },
    },
  };
}
