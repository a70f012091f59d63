import { COMPLAINT_EVENT_TYPES } from './events';
import { EVENT_DATA_SCHEMAS, type JsonSchema } from './event-schemas';
import { schemaRows } from './schema-table';

const personalNote = (field: JsonSchema) =>
  field['x-personal-data']
    ? ` **Personal data (${field['x-data-class'] === 'free-text' ? 'staff free text' : "the customer's"}): never published.**`
    : '';

/** docs/domain/events.md: every event and every field, generated from the JSON Schemas. */
export function eventCataloguePage(): string {
  const out = [
    '# Stored event catalogue (version 1)',
    '',
    '<!-- Generated from libs/complaint-contract/src/lib/events.ts by `npm run docs:domain`. Do not edit. -->',
    '',
    'The events as the event store keeps them. Subscribers of the Kafka topic see the public form',
    '([docs/events/catalogue.md](../events/catalogue.md)): personal fields left out, `customerRef` and clock facts added.',
    '',
    'Every event shares one envelope: `type`, `version` (of `data`), `complaintId` (stream `complaint-<complaintId>`),',
    '`occurredAt` (business time, ISO 8601) and `data`. Who did it and why (actor, correlation id, causation id)',
    "travels in the store's event metadata. Fields marked personal data are erasable.",
    '',
  ];
  for (const type of COMPLAINT_EVENT_TYPES) {
    const schema = EVENT_DATA_SCHEMAS[type];
    out.push(`## ${type}`, '', schema.description ?? '', '', '| field | type | required | meaning |', '|---|---|---|---|');
    out.push(...schemaRows(schema, 'data.', personalNote));
    out.push('');
  }
  return out.join('\n');
}
