// The compatibility policy of the public contract, as a check. Within one version of an event
// type, a schema may only grow: new optional properties, new enum values, reworded descriptions.
// Anything else (a property removed or renamed, a type changed, a property made required or
// optional, a constraint changed) is breaking and needs the next version with an upcaster.
import type { JsonSchema } from '../shape/shape';

const CONSTRAINTS = ['const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'maxItems'] as const;

/** Every breaking difference from `released` to `current`, as readable lines; empty when compatible. */
export function breakingChanges(released: JsonSchema, current: JsonSchema, path = '$'): string[] {
  const out: string[] = [];
  if (released.type !== current.type) out.push(`${path}: type ${released.type} became ${current.type}`);
  for (const key of CONSTRAINTS) {
    if (JSON.stringify(released[key]) !== JSON.stringify(current[key]))
      out.push(`${path}: ${key} ${JSON.stringify(released[key])} became ${JSON.stringify(current[key])}`);
  }
  if (released.enum) {
    const now = new Set(current.enum ?? []);
    for (const v of released.enum) if (!now.has(v)) out.push(`${path}: enum value ${JSON.stringify(v)} removed`);
  } else if (current.enum) out.push(`${path}: became an enum`);
  if (released.items || current.items) {
    if (!released.items || !current.items) out.push(`${path}: items added or removed`);
    else out.push(...breakingChanges(released.items, current.items, `${path}[]`));
  }
  const before = released.properties ?? {};
  const after = current.properties ?? {};
  const requiredBefore = new Set(released.required ?? []);
  const requiredAfter = new Set(current.required ?? []);
  for (const [name, schema] of Object.entries(before)) {
    const next = after[name];
    if (!next) {
      out.push(`${path}.${name}: removed`);
      continue;
    }
    if (requiredBefore.has(name) !== requiredAfter.has(name))
      out.push(`${path}.${name}: became ${requiredAfter.has(name) ? 'required' : 'optional'}`);
    out.push(...breakingChanges(schema, next, `${path}.${name}`));
  }
  for (const name of Object.keys(after)) if (!(name in before) && requiredAfter.has(name)) out.push(`${path}.${name}: added as required`);
  return out;
}
