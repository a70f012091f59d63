import { COMPLAINT_EVENT_TYPES } from './events';
import { eventSchema } from './event-schemas';

/** One JSON Schema document per event type and version, as published in docs/domain/schemas. */
export function eventSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const type of COMPLAINT_EVENT_TYPES) {
    const doc = {
      // draft-07: the subset we use means the same there, and AsyncAPI tooling reads draft-07 natively.
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `urn:complaint-ledger:events:${type}:v1`,
      title: `${type} v1`,
      ...eventSchema(type),
    };
    files[`${type}.v1.json`] = JSON.stringify(doc, null, 2) + '\n';
  }
  return files;
}
