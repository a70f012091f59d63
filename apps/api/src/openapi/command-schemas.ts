// OpenAPI schemas of the command bodies, derived from the domain's field definitions (the same
// ones the DTO classes validate with). Nested objects become named components of their own.
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { STATE_NAMES } from '@complaint-ledger/complaint-domain';
import { jsonSchemaOf, objectSchema, type Field, type Fields } from '@complaint-ledger/complaint-contract';
import { COMMAND_BODY_FIELDS } from '../complaints/commands/command-dto-classes';
import { bodyName, HTTP_COMMAND_TYPES } from '../complaints/commands/command-routes';
import { COMMAND_SHAPES } from '@complaint-ledger/complaint-domain';

export type Schemas = Record<string, SchemaObject>;

export const schemaRef = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** OpenAPI 3.0 schema of a field; nested objects are added to `components` and referenced. */
export function openApiSchemaOf(f: Field, components: Schemas): SchemaObject | ReferenceObject {
  const spec = f.spec;
  if (spec.kind === 'object') {
    components[spec.name] ??= openApiObject(f.description, spec.fields, components);
    return schemaRef(spec.name);
  }
  if (spec.kind === 'list') {
    return { ...jsonSchemaOf(f), items: openApiSchemaOf(spec.item, components) } as SchemaObject;
  }
  // JSON Schema's `examples` is `example` in OpenAPI 3.0.
  const { examples, ...schema } = jsonSchemaOf(f);
  return { ...schema, ...(examples ? { example: examples[0] } : {}) } as SchemaObject;
}

function openApiObject(description: string, fields: Fields, components: Schemas): SchemaObject {
  const { required } = objectSchema(description, fields);
  const properties: Record<string, SchemaObject | ReferenceObject> = {};
  for (const [name, f] of Object.entries(fields)) properties[name] = openApiSchemaOf(f, components);
  return {
    type: 'object',
    description,
    properties,
    ...(required && required.length > 0 ? { required: [...required] } : {}),
    additionalProperties: false,
  };
}

const PROBLEM: SchemaObject = {
  type: 'object',
  required: ['field', 'reason'],
  properties: {
    field: { type: 'string', description: 'The field (a path such as `rootCause.whyChain[1]`), header or query parameter at fault.' },
    reason: { type: 'string', description: 'What is wrong with it.' },
  },
};

/** Every schema the command routes refer to: the bodies, their nested objects, the answer and the error. */
export function commandSchemas(): Schemas {
  const components: Schemas = {};
  for (const type of HTTP_COMMAND_TYPES) {
    components[bodyName(type)] = openApiObject(COMMAND_SHAPES[type].summary, COMMAND_BODY_FIELDS[type], components);
  }
  components['CommandResult'] = {
    type: 'object',
    description: 'The answer to every accepted command.',
    required: ['id', 'revision', 'state'],
    properties: {
      id: { type: 'string', format: 'uuid', description: 'The case.' },
      revision: { type: 'integer', minimum: 0, description: "0-based revision of the case's last event (use it as If-Match)." },
      state: { type: 'string', enum: STATE_NAMES.filter((s) => s !== 'none'), description: 'The state the case is in now.' },
    },
  };
  components['FieldProblem'] = PROBLEM;
  components['ErrorBody'] = {
    type: 'object',
    description: 'Every error the API answers with.',
    required: ['statusCode', 'error', 'message', 'details'],
    properties: {
      statusCode: { type: 'integer', description: 'The HTTP status, repeated.' },
      error: { type: 'string', description: 'The HTTP reason phrase, e.g. `Conflict`.' },
      message: { type: 'string', description: 'What went wrong, for a person.' },
      details: {
        type: 'object',
        description:
          'Machine-readable facts. 400: `field` and `reason` of the first problem, `problems` all of them. 409: `reason` (`not_allowed` with `currentState` and `allowedCommands`, or `contention`). 412: `expectedRevision`, `currentRevision`. 429: `retryAfterSeconds`.',
        properties: {
          field: { type: 'string', description: '400: the first field, header or parameter at fault.' },
          reason: { type: 'string', description: '400: what is wrong with it; 409 and 422: which refusal.' },
          problems: { type: 'array', items: schemaRef('FieldProblem'), description: '400: every problem found.' },
          currentState: { type: 'string', description: '409 not_allowed: the state of the case.' },
          allowedCommands: { type: 'array', items: { type: 'string' }, description: '409 not_allowed: what the case accepts now.' },
          expectedRevision: { type: 'integer', description: '412: the If-Match revision.' },
          currentRevision: { type: 'integer', description: '412: the revision of the case.' },
          retryAfterSeconds: { type: 'integer', description: '429: when to retry.' },
        },
        additionalProperties: true,
      },
    },
  };
  return components;
}
