// A payload's shape, stated once: its TypeScript type (ShapeOf), its public type (PublicShapeOf),
// its runtime check (shapeProblem), its JSON Schema (jsonSchemaOf) and, in the API, its validated
// DTO class and OpenAPI schema are all read from the same Field values. A new field is one line.

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

/**
 * Whose data a field holds. `customer`: the customer's own (name, contacts, location, words, id).
 * `free-text`: what staff wrote (notes, reasons, outcomes), which may quote or describe the
 * customer, so it is treated as personal too. `business`: codes, states, times, amounts, routing.
 * Only `business` fields are published or analysed; the others are erasable.
 */
export type DataClass = 'business' | 'customer' | 'free-text';

/** One field: what it holds, what it means, whether it must be present, and whose data it is. */
export interface Field<T = unknown, Required extends boolean = boolean, Personal extends boolean = boolean, Public = T> {
  readonly spec: FieldSpec;
  readonly description: string;
  readonly required: Required;
  readonly dataClass: DataClass;
  /** Not `business`: never published, erasable. */
  readonly personal: Personal;
  /** Type only (never set): the TypeScript type of a value of this field. */
  readonly _type?: T;
  /** Type only (never set): the value as published (nested personal fields left out). */
  readonly _public?: Public;
}

export type Fields = Readonly<Record<string, Field<unknown, boolean, boolean, unknown>>>;

type RequiredKeys<F> = { [K in keyof F]: F[K] extends Field<unknown, true, boolean, unknown> ? K : never }[keyof F];
type OptionalKeys<F> = Exclude<keyof F, RequiredKeys<F>>;
type PublicKeys<F> = { [K in keyof F]: F[K] extends Field<unknown, boolean, true, unknown> ? never : K }[keyof F];
type ValueOf<F> = F extends Field<infer T, boolean, boolean, unknown> ? T : never;
type PublicValueOf<F> = F extends Field<unknown, boolean, boolean, infer P> ? P : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The TypeScript type of an object with these fields. */
export type ShapeOf<F> = Simplify<{ [K in RequiredKeys<F>]: ValueOf<F[K]> } & { [K in OptionalKeys<F>]?: ValueOf<F[K]> }>;
/** The same object as published: personal fields (nested ones too) left out. */
export type PublicShapeOf<F> = Simplify<
  { [K in Extract<RequiredKeys<F>, PublicKeys<F>>]: PublicValueOf<F[K]> } & {
    [K in Extract<OptionalKeys<F>, PublicKeys<F>>]?: PublicValueOf<F[K]>;
  }
>;
/** The TypeScript type of one field's value. */
export type FieldValue<F> = ValueOf<F>;

/** Longest free text any field takes (characters). */
export const MAX_TEXT = 10_000;

type Leaf<T, P extends boolean = false> = Field<T, true, P, T>;

function field<T, P extends boolean = false>(spec: FieldSpec, description: string, dataClass: DataClass = 'business'): Leaf<T, P> {
  return { spec, description, required: true, dataClass, personal: (dataClass !== 'business') as P };
}

/** Non-blank, well-formed business text (a code, a reference, a name of a team) of at most `maxLength` characters. */
export const text = (description: string, options: { maxLength?: number } = {}): Leaf<string> =>
  field({ kind: 'text', maxLength: options.maxLength ?? MAX_TEXT }, description);
/** Text that is the customer's own data (their words, their whereabouts, their id). */
export const customerText = (description: string): Leaf<string, true> =>
  field({ kind: 'text', maxLength: MAX_TEXT }, description, 'customer');
/** Text staff wrote (a note, a reason, an outcome): it may describe the customer, so it is personal. */
export const freeText = (description: string): Leaf<string, true> => field({ kind: 'text', maxLength: MAX_TEXT }, description, 'free-text');
export const oneOf = <const V extends readonly string[]>(values: V, description: string): Leaf<V[number]> =>
  field({ kind: 'enum', values }, description);
/** An ISO 8601 date-time with a time zone. */
export const instant = (description: string): Leaf<string> => field({ kind: 'instant' }, description);
export const integer = (description: string, minimum: number, maximum?: number): Leaf<number> =>
  field({ kind: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }) }, description);
export const decimal = (description: string, minimum: number): Leaf<number> => field({ kind: 'number', minimum }, description);
export const flag = (description: string): Leaf<boolean> => field({ kind: 'boolean' }, description);
export function matching(description: string, pattern: RegExp, reason: string, example: string): Leaf<string>;
export function matching(description: string, pattern: RegExp, reason: string, example: string, dataClass: 'customer'): Leaf<string, true>;
export function matching(
  description: string,
  pattern: RegExp,
  reason: string,
  example: string,
  dataClass: DataClass = 'business',
): Leaf<string, boolean> {
  return field({ kind: 'pattern', pattern, reason, example }, description, dataClass);
}
export const list = <T, P extends boolean, Pub>(
  item: Field<T, true, P, Pub>,
  description: string,
  maxItems: number,
): Field<T[], true, P, Pub[]> => ({
  spec: { kind: 'list', item, maxItems },
  description,
  required: true,
  dataClass: item.dataClass,
  personal: item.personal,
});
/**
 * A nested object; `name` names its schema wherever one is published (e.g. OpenAPI components).
 * It is personal as a whole only when said so (`customer`); otherwise its business fields are published.
 */
export function object<F extends Fields>(name: string, description: string, fields: F): Field<ShapeOf<F>, true, false, PublicShapeOf<F>>;
export function object<F extends Fields>(
  name: string,
  description: string,
  fields: F,
  dataClass: 'customer',
): Field<ShapeOf<F>, true, true, never>;
export function object<F extends Fields>(
  name: string,
  description: string,
  fields: F,
  dataClass: DataClass = 'business',
): Field<ShapeOf<F>, true, boolean, unknown> {
  return { spec: { kind: 'object', name, fields }, description, required: true, dataClass, personal: dataClass !== 'business' };
}
export const optional = <T, P extends boolean, Pub>(f: Field<T, true, P, Pub>): Field<T, false, P, Pub> => ({ ...f, required: false });

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
  /** Whose data it is (see DataClass). */
  'x-data-class'?: DataClass;
}

/** The JSON Schema of one field (nested objects inline, with their name as `title`). */
export function jsonSchemaOf(f: Field): JsonSchema {
  const personal: JsonSchema = f.personal ? { 'x-personal-data': true, 'x-data-class': f.dataClass } : {};
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

// ---- the public view -------------------------------------------------------------------------------

/** The JSON Schema of a field as published: personal fields left out, nested ones too; no internal markers. */
export function publicSchemaOf(f: Field): JsonSchema {
  const spec = f.spec;
  if (spec.kind === 'object') return { title: spec.name, ...publicObjectSchema(f.description, spec.fields) };
  if (spec.kind === 'list') return { ...jsonSchemaOf(f), items: publicSchemaOf(spec.item) };
  return jsonSchemaOf(f);
}

/**
 * The JSON Schema of an object with these fields as published (personal ones left out). Other
 * properties are allowed: a version may gain optional fields, and consumers must ignore what they
 * do not know (docs/events/versioning.md).
 */
export function publicObjectSchema(description: string, fields: Fields): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, f] of Object.entries(fields)) {
    if (f.personal) continue;
    properties[name] = publicSchemaOf(f);
    if (f.required) required.push(name);
  }
  return { type: 'object', description, properties, required };
}

/** A value as published: every personal field, at any depth, left out. */
export function toPublic(fields: Fields, value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) {
    const f = fields[name];
    // Unknown (not in the definition) is not published either: nothing leaves unclassified.
    if (!f || f.personal || v === undefined) continue;
    out[name] = publicValue(f, v);
  }
  return out;
}

function publicValue(f: Field, v: unknown): unknown {
  const spec = f.spec;
  if (spec.kind === 'object' && isPlainObject(v)) return toPublic(spec.fields, v);
  if (spec.kind === 'list' && Array.isArray(v)) return v.map((item) => publicValue(spec.item, item));
  return v;
}

/** Every personal field, as a path (`customer.email`, `rootCause.whyChain[]`), for tests and docs. */
export function personalPaths(fields: Fields, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([name, f]) => {
    const path = prefix + name;
    if (f.personal) return [path];
    if (f.spec.kind === 'object') return personalPaths(f.spec.fields, `${path}.`);
    if (f.spec.kind === 'list' && f.spec.item.spec.kind === 'object') return personalPaths(f.spec.item.spec.fields, `${path}[].`);
    return [];
  });
}

/** Some of an object's fields, as they are (a command takes the fields its event records). */
export function pick<F extends Fields, K extends keyof F & string>(fields: F, ...keys: K[]): Pick<F, K> {
  const out = {} as Pick<F, K>;
  for (const key of keys) out[key] = fields[key];
  return out;
}
