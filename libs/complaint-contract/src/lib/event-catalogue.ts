import { COMPLAINT_EVENT_TYPES } from './events';
import { EVENT_DATA_SCHEMAS, type JsonSchema } from './event-schemas';

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${v}\``).join(' \\| ');
  if (s.format) return `string (${s.format})`;
  if (s.type === 'array' && s.items) return `array of ${typeOf(s.items)}`;
  if (s.type === 'integer' && s.minimum !== undefined) return `integer ${s.minimum}${s.maximum !== undefined ? `-${s.maximum}` : '+'}`;
  return s.type ?? 'any';
}

function rows(schema: JsonSchema, prefix: string, out: string[]): void {
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const path = prefix + name;
    const required = schema.required?.includes(name) ? 'yes' : 'no';
    const personal = field['x-personal-data']
      ? ` **Personal data (${field['x-data-class'] === 'free-text' ? 'staff free text' : "the customer's"}): never published.**`
      : '';
    out.push(`| \`${path}\` | ${typeOf(field)} | ${required} | ${field.description ?? ''}${personal} |`);
    if (field.type === 'object') rows(field, `${path}.`, out);
    if (field.type === 'array' && field.items?.type === 'object') rows(field.items, `${path}[].`, out);
  }
}

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
    rows(schema, 'data.', out);
    out.push('');
  }
  return out.join('\n');
}
