// The AsyncAPI 3.0 document of the topic, generated from the public event definitions: one
// message per event type and version, CloudEvents headers, the record key and Kafka bindings.
import { COMPLAINT_EVENT_TYPES, EVENT_SHAPES } from '../events';
import { PUBLIC_VERSIONS, publicDataSchema } from './public-events';
import {
  CE_HEADERS,
  ceType,
  DEFAULT_CE_SOURCE,
  DEFAULT_COMPLAINTS_TOPIC,
  DEFAULT_TOPIC_PARTITIONS,
  TOPIC_CONFIG,
  dataSchemaUrn,
} from './wire';

export interface AsyncApiOptions {
  topic?: string;
  partitions?: number;
  replicationFactor?: number;
  source?: string;
}

const KAFKA_BINDING_VERSION = '0.5.0';

/** The document served at GET /events/asyncapi.json (and kept in docs/events/asyncapi.json). */
export function complaintEventsAsyncApi(options: AsyncApiOptions = {}): Record<string, unknown> {
  const topic = options.topic ?? DEFAULT_COMPLAINTS_TOPIC;
  const partitions = options.partitions ?? DEFAULT_TOPIC_PARTITIONS;
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const type of COMPLAINT_EVENT_TYPES) {
    const name = ceType(type, PUBLIC_VERSIONS[type]);
    schemas[name] = publicDataSchema(type);
    messages[name] = {
      name,
      title: name,
      summary: EVENT_SHAPES[type].summary,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/CloudEventHeaders' },
      payload: { $ref: `#/components/schemas/${name}` },
      correlationId: { location: `$message.header#/${CE_HEADERS.correlationid}` },
      bindings: {
        kafka: {
          key: { type: 'string', description: 'The complaint id: one case, one partition, in order.' },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Complaint Ledger events',
      version: '1.0.0',
      description: [
        'Every committed event of every complaint, without personal data, in commit order per case.',
        'One Kafka record per event, CloudEvents 1.0 in binary content mode: the value is the event data as JSON, the attributes are `ce_` headers.',
        'Delivery is at least once: a re-sent event keeps its `ce_id`; per case, `ce_sequence` is 0, 1, 2, ... so a consumer skips what it has applied.',
        'Within a version a schema only grows (new optional fields, new enum values): ignore what you do not know. A breaking change publishes the next version (`ce_type` `<Type>.v<N+1>`).',
      ].join(' '),
    },
    defaultContentType: 'application/json',
    channels: {
      complaintEvents: {
        address: topic,
        description: `Kafka topic; the record key is the complaint id. ${partitions} partitions; kept forever (retention.ms=-1), so a consumer can rebuild from offset 0.`,
        messages: Object.fromEntries(Object.keys(messages).map((name) => [name, { $ref: `#/components/messages/${name}` }])),
        bindings: {
          kafka: {
            topic,
            partitions,
            ...(options.replicationFactor === undefined ? {} : { replicas: options.replicationFactor }),
            topicConfiguration: {
              'cleanup.policy': [TOPIC_CONFIG['cleanup.policy']],
              'retention.ms': Number(TOPIC_CONFIG['retention.ms']),
            },
            bindingVersion: KAFKA_BINDING_VERSION,
          },
        },
      },
    },
    operations: {
      receiveComplaintEvents: {
        action: 'receive',
        channel: { $ref: '#/channels/complaintEvents' },
        summary: 'Subscribe to complaint events.',
        messages: Object.keys(messages).map((name) => ({ $ref: `#/channels/complaintEvents/messages/${name}` })),
      },
    },
    components: {
      messages,
      schemas: {
        ...schemas,
        CloudEventHeaders: {
          type: 'object',
          required: Object.values(CE_HEADERS),
          properties: {
            [CE_HEADERS.specversion]: { type: 'string', const: '1.0' },
            [CE_HEADERS.id]: {
              type: 'string',
              format: 'uuid',
              description: 'Unique id of the event; the same on every re-send (deduplicate on it or on ce_sequence).',
            },
            [CE_HEADERS.source]: {
              type: 'string',
              description: `Where it comes from (default \`${options.source ?? DEFAULT_CE_SOURCE}\`).`,
            },
            [CE_HEADERS.type]: {
              type: 'string',
              enum: COMPLAINT_EVENT_TYPES.map((t) => ceType(t, PUBLIC_VERSIONS[t])),
              description: '`<EventType>.v<N>`.',
            },
            [CE_HEADERS.subject]: { type: 'string', description: 'The complaint id (also the record key).' },
            [CE_HEADERS.time]: { type: 'string', format: 'date-time', description: 'Business time: when it happened.' },
            [CE_HEADERS.dataschema]: {
              type: 'string',
              description: `The schema of the value, e.g. \`${dataSchemaUrn('ComplaintReceived', 1)}\`, served at GET /events/schemas/ComplaintReceived.v1.json.`,
            },
            [CE_HEADERS.sequence]: {
              type: 'string',
              pattern: '^[0-9]{10}$',
              description: "The case's revision, zero-padded to 10 digits: 0, 1, 2, ... without gaps.",
            },
            [CE_HEADERS.position]: { type: 'string', pattern: '^[0-9]+$', description: 'Global commit position in the event store.' },
            [CE_HEADERS.recordedtime]: { type: 'string', format: 'date-time', description: 'When the store recorded it.' },
            [CE_HEADERS.correlationid]: { type: 'string', description: 'Ties together everything one request caused.' },
            [CE_HEADERS.causationid]: { type: 'string', description: 'The request (or message) that caused the event.' },
            [CE_HEADERS.contentType]: { type: 'string', const: 'application/json' },
          },
        },
      },
    },
  };
}
