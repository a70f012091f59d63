import type { JsonSchema } from '../lib/event-schemas';

/** A small checker for the JSON Schema subset the contract uses; returns the first problem or null. */
export function schemaProblem(schema: JsonSchema, value: unknown, path = '$'): string | null {
  if (schema.const !== undefined && value !== schema.const) return `${path} must be ${schema.const}`;
  if (schema.enum && !schema.enum.includes(value as string)) return `${path} must be one of ${schema.enum.join(', ')}`;
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return `${path} must be a string`;
      if (schema.minLength && value.length < schema.minLength) return `${path} is too short`;
      if (schema.format === 'date-time' && !Number.isFinite(Date.parse(value))) return `${path} is not a date-time`;
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) return `${path} does not match ${schema.pattern}`;
      return null;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value))) return `${path} must be a ${schema.type}`;
      if (schema.minimum !== undefined && value < schema.minimum) return `${path} below ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `${path} above ${schema.maximum}`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${path} must be a boolean`;
    case 'array':
      if (!Array.isArray(value)) return `${path} must be an array`;
      for (const [i, item] of value.entries()) {
        const p = schema.items && schemaProblem(schema.items, item, `${path}[${i}]`);
        if (p) return p;
      }
      return null;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object`;
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in record)) return `${path}.${key} is required`;
      for (const [key, v] of Object.entries(record)) {
        const field = schema.properties?.[key];
        if (!field) {
          if (schema.additionalProperties === false) return `${path}.${key} is not in the schema`;
          continue;
        }
        const p = schemaProblem(field, v, `${path}.${key}`);
        if (p) return p;
      }
      return null;
    }
    default:
      return null;
  }
}
