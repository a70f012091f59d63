import type { JsonSchema } from './shape/shape';

/** A field's type in a catalogue table: enum values, format, item type, integer range. */
export function schemaTypeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${v}\``).join(' \\| ');
  if (s.format) return `string (${s.format})`;
  if (s.type === 'array' && s.items) return `array of ${s.items.title ?? schemaTypeOf(s.items)}`;
  if (s.type === 'integer' && s.minimum !== undefined) return `integer ${s.minimum}${s.maximum !== undefined ? `-${s.maximum}` : '+'}`;
  return s.type ?? 'any';
}

/** One markdown row per field (`| path | type | required | meaning |`), nested objects and lists of objects included. */
export function schemaRows(schema: JsonSchema, prefix: string, note: (field: JsonSchema) => string = () => ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const path = prefix + name;
    const required = schema.required?.includes(name) ? 'yes' : 'no';
    return [
      `| \`${path}\` | ${schemaTypeOf(field)} | ${required} | ${field.description ?? ''}${note(field)} |`,
      ...(field.type === 'object' ? schemaRows(field, `${path}.`, note) : []),
      ...(field.type === 'array' && field.items?.type === 'object' ? schemaRows(field.items, `${path}[].`, note) : []),
    ];
  });
}
