// A payload's shape, stated once: its TypeScript type (ShapeOf), its runtime check
// (shapeProblems), its JSON Schema (jsonSchemaOf) and, in the API, its validated DTO class and
// OpenAPI schema are all read from the same Field values. A new field is one line here.

/** What kind of value a field holds; adapters (class-validator, OpenAPI) switch on `kind`. */
export type FieldSpec =
  | { kind: 'text'; maxLength: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'instant' }
  | { kind: 'integer'; minimum: number; maximum?: number }
  | { kind: 'number'; minimum: number }
  | { kind: 'boolean' }
  | { kind: 'pattern'; pattern: RegExp; reason: string; example: string }
  | { kind: 'list'; item: Field<unknown, true>; maxItems: number }
  | { kind: 'object'; name: string; fields: Fields };

/** One field: what it holds, what it means, whether it must be present, whether it is personal data. */
export interface Field<T = unknown, Required extends boolean = boolean> {
  readonly spec: FieldSpec;
  readonly description: string;
  readonly required: Required;
  /** The customer's personal data: never published, erasable. */
  readonly personal: boolean;
  /** Type only (never set): the TypeScript type of a value of this field. */
  readonly _type?: T;
}

export type Fields = Readonly<Record<string, Field<unknown, boolean>>>;

type RequiredKeys<F extends Fields> = { [K in keyof F]: F[K] extends Field<unknown, true> ? K : never }[keyof F];
type OptionalKeys<F extends Fields> = Exclude<keyof F, RequiredKeys<F>>;
type ValueOf<F> = F extends Field<infer T, boolean> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The TypeScript type of an object with these fields. */
export type ShapeOf<F extends Fields> = Simplify<{ [K in RequiredKeys<F>]: ValueOf<F[K]> } & { [K in OptionalKeys<F>]?: ValueOf<F[K]> }>;
/** The TypeScript type of one field's value. */
export type FieldValue<F> = ValueOf<F>;

/** Longest free text any field takes (characters). */
export const MAX_TEXT = 10_000;

function field<T>(spec: FieldSpec, description: string, personal = false): Field<T, true> {
  return { spec, description, required: true, personal };
}

/** Non-blank, well-formed text of at most `maxLength` characters. */
export const text = (description: string, options: { personal?: boolean; maxLength?: number } = {}): Field<string, true> =>
  field({ kind: 'text', maxLength: options.maxLength ?? MAX_TEXT }, description, options.personal);
/** Text that is the customer's personal data. */
export const personalText = (description: string): Field<string, true> => text(description, { personal: true });
export const oneOf = <const V extends readonly string[]>(values: V, description: string): Field<V[number], true> =>
  field({ kind: 'enum', values }, description);
/** An ISO 8601 date-time with a time zone. */
export const instant = (description: string): Field<string, true> => field({ kind: 'instant' }, description);
export const integer = (description: string, minimum: number, maximum?: number): Field<number, true> =>
  field({ kind: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }) }, description);
export const decimal = (description: string, minimum: number): Field<number, true> => field({ kind: 'number', minimum }, description);
export const flag = (description: string): Field<boolean, true> => field({ kind: 'boolean' }, description);
export const matching = (description: string, pattern: RegExp, reason: string, example: string, personal = false): Field<string, true> =>
  field({ kind: 'pattern', pattern, reason, example }, description, personal);
export const list = <T>(item: Field<T, true>, description: string, maxItems: number): Field<T[], true> =>
  field({ kind: 'list', item, maxItems }, description);
/** A nested object; `name` names its schema wherever one is published (e.g. OpenAPI components). */
export const object = <F extends Fields>(name: string, description: string, fields: F): Field<ShapeOf<F>, true> =>
  field(
    { kind: 'object', name, fields },
    description,
    Object.values(fields).every((f) => f.personal),
  );
export const optional = <T>(f: Field<T, true>): Field<T, false> => ({ ...f, required: false });
/** The same field with another description (a shared field read in another context). */
export const described = <T, R extends boolean>(f: Field<T, R>, description: string): Field<T, R> => ({ ...f, description });

// ---- runtime check -------------------------------------------------------------------------------

/** Which field is wrong and why, in words a client developer can act on. */
export interface FieldProblem {
  field: string;
  reason: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Epoch ms of an ISO 8601 date-time with a zone, or null when it is not one. */
export function parseIsoInstant(v: unknown): number | null {
  if (typeof v !== 'string' || !ISO_INSTANT.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : null;
}
export const ISO_INSTANT_REASON = 'must be an ISO 8601 date-time with a time zone';

const SURROGATE = /[\uD800-\uDFFF]/;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** False for a string holding an unpaired UTF-16 surrogate: it has no UTF-8 form, so no store can keep it. */
export function isWellFormedText(s: string): boolean {
  return !SURROGATE.test(s) || !UNPAIRED_SURROGATE.test(s);
}
export const MALFORMED_TEXT_REASON = 'must be well-formed Unicode text (it holds an unpaired surrogate)';

/** Why a text value is refused, or null. Shared with the HTTP validators so both say the same. */
export function textProblem(v: unknown, maxLength: number = MAX_TEXT): string | null {
  if (typeof v !== 'string') return 'must be a string';
  if (v.trim() === '') return 'must not be empty';
  if (v.length > maxLength) return `must be at most ${maxLength} characters`;
  return isWellFormedText(v) ? null : MALFORMED_TEXT_REASON;
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why this value does not fit the field (ignoring presence), as a problem at `path`; null when it fits. */
export function fieldProblem(f: Field, value: unknown, path: string): FieldProblem | null {
  const at = (reason: string): FieldProblem => ({ field: path, reason });
  const spec = f.spec;
  switch (spec.kind) {
    case 'text': {
      const reason = textProblem(value, spec.maxLength);
      return reason ? at(reason) : null;
    }
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? null : at(`must be one of: ${spec.values.join(', ')}`);
    case 'instant':
      return parseIsoInstant(value) === null ? at(ISO_INSTANT_REASON) : null;
    case 'integer': {
      const ok =
        Number.isInteger(value) && (value as number) >= spec.minimum && (spec.maximum === undefined || (value as number) <= spec.maximum);
      if (ok) return null;
      return at(
        spec.maximum === undefined ? `must be an integer >= ${spec.minimum}` : `must be an integer from ${spec.minimum} to ${spec.maximum}`,
      );
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= spec.minimum
        ? null
        : at(`must be a number >= ${spec.minimum}`);
    case 'boolean':
      return typeof value === 'boolean' ? null : at('must be a boolean');
    case 'pattern': {
      const reason = textProblem(value);
      return reason ? at(reason) : spec.pattern.test(value as string) ? null : at(spec.reason);
    }
    case 'list': {
      if (!Array.isArray(value)) return at('must be an array');
      if (value.length > spec.maxItems) return at(`must have at most ${spec.maxItems} entries`);
      for (let i = 0; i < value.length; i++) {
        const p = fieldProblem(spec.item, value[i], `${path}[${i}]`);
        if (p) return p;
      }
      return null;
    }
    case 'object':
      return isPlainObject(value) ? shapeProblem(spec.fields, value, `${path}.`) : at('must be an object');
  }
}

/**
 * The first problem of an object against its fields: an unknown field, a missing required one,
 * or a value that does not fit. `prefix` is prepended to field names (nested objects).
 */
export function shapeProblem(
  fields: Fields,
  value: Record<string, unknown>,
  prefix = '',
  ignore?: ReadonlySet<string>,
): FieldProblem | null {
  for (const key in value) {
    if (!(key in fields) && value[key] !== undefined && !ignore?.has(key)) return { field: prefix + key, reason: 'is not a known field' };
  }
  for (const key in fields) {
    const f = fields[key];
    const v = value[key];
    if (v === undefined) {
      if (f.required) return { field: prefix + key, reason: 'is required' };
      continue;
    }
    const p = fieldProblem(f, v, prefix + key);
    if (p) return p;
  }
  return null;
}

// ---- JSON Schema -----------------------------------------------------------------------------------

/** The subset of JSON Schema (draft-07) the contracts use. */
export interface JsonSchema {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
  title?: string;
  description?: string;
  enum?: readonly (string | number)[];
  const?: string | number;
  format?: 'date-time';
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  examples?: readonly unknown[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  /** Marks personal data: never published, erasable by destroying the customer's key. */
  'x-personal-data'?: boolean;
}

/** The JSON Schema of one field (nested objects inline, with their name as `title`). */
export function jsonSchemaOf(f: Field): JsonSchema {
  const personal: JsonSchema = f.personal ? { 'x-personal-data': true } : {};
  const spec = f.spec;
  switch (spec.kind) {
    case 'text':
      return { type: 'string', minLength: 1, maxLength: spec.maxLength, description: f.description, ...personal };
    case 'enum':
      return { type: 'string', enum: spec.values, description: f.description, ...personal };
    case 'instant':
      return { type: 'string', format: 'date-time', description: f.description, ...personal };
    case 'integer':
      return {
        type: 'integer',
        minimum: spec.minimum,
        ...(spec.maximum === undefined ? {} : { maximum: spec.maximum }),
        description: f.description,
        ...personal,
      };
    case 'number':
      return { type: 'number', minimum: spec.minimum, description: f.description, ...personal };
    case 'boolean':
      return { type: 'boolean', description: f.description, ...personal };
    case 'pattern':
      return {
        type: 'string',
        pattern: spec.pattern.source,
        maxLength: MAX_TEXT,
        examples: [spec.example],
        description: f.description,
        ...personal,
      };
    case 'list':
      return { type: 'array', items: jsonSchemaOf(spec.item), maxItems: spec.maxItems, description: f.description, ...personal };
    case 'object':
      return { title: spec.name, ...objectSchema(f.description, spec.fields), ...personal };
  }
}

/** The JSON Schema of an object with these fields (no other properties allowed). */
export function objectSchema(description: string, fields: Fields): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, f] of Object.entries(fields)) {
    properties[name] = jsonSchemaOf(f);
    if (f.required) required.push(name);
  }
  return { type: 'object', description, properties, required, additionalProperties: false };
}

// ---- examples ----------------------------------------------------------------------------------

/**
 * A value that fits the field, at the low or the high end of what it takes (lowest number, first
 * enum value, `false`; or highest, last, `true`). Objects get their required fields only.
 */
export function exampleOf(f: Field, end: 'low' | 'high' = 'low'): unknown {
  const spec = f.spec;
  switch (spec.kind) {
    case 'text':
      return 'x';
    case 'enum':
      return end === 'low' ? spec.values[0] : spec.values[spec.values.length - 1];
    case 'instant':
      return '2000-01-01T00:00:00.000Z';
    case 'integer':
      return end === 'low' ? spec.minimum : (spec.maximum ?? spec.minimum);
    case 'number':
      return spec.minimum;
    case 'boolean':
      return end === 'high';
    case 'pattern':
      return spec.example;
    case 'list':
      return [];
    case 'object':
      return exampleObject(spec.fields, end);
  }
}

/** An object with every required field at its example value. */
export function exampleObject(fields: Fields, end: 'low' | 'high' = 'low'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(fields)) if (f.required) out[name] = exampleOf(f, end);
  return out;
}
