import fc from 'fast-check';
import type { Field, Fields } from '../lib/shape/shape';

const word = fc.constantFrom('a', 'leak', 'late delivery', 'rude', 'ümlaut ✓', '😀 emoji');

/**
 * Values for a field, mostly valid and sometimes just outside what it takes (an integer one past
 * its range), so property tests over commands also meet refusals. Derived from the field itself.
 */
export function arbitraryOf(f: Field): fc.Arbitrary<unknown> {
  const spec = f.spec;
  switch (spec.kind) {
    case 'text':
      return word;
    case 'enum':
      return fc.constantFrom(...spec.values);
    case 'instant':
      return fc
        .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-06-01T00:00:00Z') })
        .map((ms) => new Date(ms).toISOString());
    case 'integer':
      return fc.integer({ min: spec.minimum - 1, max: (spec.maximum ?? spec.minimum + 5) + 1 });
    case 'number':
      return fc.double({ min: spec.minimum, max: spec.minimum + 1_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'pattern':
      return fc.constant(spec.example);
    case 'list':
      return fc.array(arbitraryOf(spec.item), { maxLength: 3 });
    case 'object':
      return arbitraryObject(spec.fields);
  }
}

/** Objects with every required field and, now and then, each optional one. */
export function arbitraryObject(fields: Fields): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields).map(
    ([name, f]) => [name, f.required ? arbitraryOf(f) : fc.option(arbitraryOf(f), { nil: undefined, freq: 3 })] as const,
  );
  return fc.record(Object.fromEntries(entries)).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
}
