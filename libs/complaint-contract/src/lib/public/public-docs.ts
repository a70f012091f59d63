// The published contract as files: one JSON Schema per event type and version (docs/events/schemas,
// served at GET /events/schemas/<Type>.v<N>.json) and the catalogue page of the public events.
import { COMPLAINT_EVENT_TYPES, EVENT_SHAPES, type ComplaintEventType } from '../events';
import { schemaRows } from '../schema-table';
import { PUBLIC_VERSIONS, publicDataSchema } from './public-events';
import { ceType, dataSchemaUrn } from './wire';

/** The schema document of one event type's data at its current version. */
export function publicSchemaDocument(type: ComplaintEventType): Record<string, unknown> {
  const version = PUBLIC_VERSIONS[type];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: dataSchemaUrn(type, version),
    title: ceType(type, version),
    ...publicDataSchema(type),
  };
}

/** `<Type>.v<N>.json` -> file text, for every type at its current version. */
export function publicSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    COMPLAINT_EVENT_TYPES.map((type) => [
      `${ceType(type, PUBLIC_VERSIONS[type])}.json`,
      JSON.stringify(publicSchemaDocument(type), null, 2) + '\n',
    ]),
  );
}

/** docs/events/catalogue.md: every public event and its fields. */
export function publicCataloguePage(): string {
  const out = [
    '# Public event catalogue',
    '',
    '<!-- Generated from the event shapes by `npm run docs:domain`. Do not edit. -->',
    '',
    "What subscribers of the topic receive: each record's value is the event's `data` below (JSON); the",
    'attributes (id, type and version, case, sequence, times, correlation) are CloudEvents headers, see',
    '[subscribing](README.md). Personal data is never published: the customer appears only as',
    '`customerRef`. Every event carries `clocks`: where each clock of the case stands after it.',
    '',
  ];
  for (const type of COMPLAINT_EVENT_TYPES) {
    const schema = publicDataSchema(type);
    out.push(
      `## ${ceType(type, PUBLIC_VERSIONS[type])}`,
      '',
      EVENT_SHAPES[type].summary,
      '',
      '| field | type | required | meaning |',
      '|---|---|---|---|',
    );
    out.push(...schemaRows(schema, ''));
    out.push('');
  }
  return out.join('\n');
}
