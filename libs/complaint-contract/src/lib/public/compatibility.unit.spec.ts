import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPLAINT_EVENT_TYPES } from '../events';
import type { JsonSchema } from '../shape/shape';
import { breakingChanges } from './compatibility';
import { PUBLIC_VERSIONS, publicDataSchema } from './public-events';
import { UPCASTERS } from './upcasters';
import { ceType } from './wire';

const RELEASED = join(__dirname, '..', '..', '..', 'released');
const released = (name: string) => JSON.parse(readFileSync(join(RELEASED, name), 'utf8')) as JsonSchema;

describe('compatibility with the released public schemas (libs/complaint-contract/released)', () => {
  it.each(COMPLAINT_EVENT_TYPES.map((t) => [ceType(t, PUBLIC_VERSIONS[t]), t] as const))(
    '%s is released, and the current schema only grew from it (else bump the version and add an upcaster)',
    (name, type) => {
      const files = readdirSync(RELEASED);
      expect(files).toContain(`${name}.json`); // a new version: `npm run contract:release` once it is final
      expect(breakingChanges(released(`${name}.json`), publicDataSchema(type))).toEqual([]);
    },
  );

  it('every older released version can be lifted to the current one by upcasters', () => {
    for (const file of readdirSync(RELEASED)) {
      const m = /^([A-Za-z]+)\.v(\d+)\.json$/.exec(file);
      expect(m).not.toBeNull();
      const type = (m as RegExpExecArray)[1] as (typeof COMPLAINT_EVENT_TYPES)[number];
      expect(COMPLAINT_EVENT_TYPES).toContain(type);
      for (let v = Number((m as RegExpExecArray)[2]); v < PUBLIC_VERSIONS[type]; v++) expect(UPCASTERS[type]?.[v]).toBeDefined();
    }
  });
});

describe('breakingChanges (the policy)', () => {
  const base: JsonSchema = {
    type: 'object',
    properties: { a: { type: 'string' }, b: { type: 'string', enum: ['x', 'y'] }, c: { type: 'integer', minimum: 1 } },
    required: ['a'],
  };
  const withProps = (props: Record<string, JsonSchema>, required = ['a']): JsonSchema => ({
    ...base,
    properties: { ...base.properties, ...props },
    required,
  });

  it('allows a new optional property, a new enum value and new words', () => {
    expect(breakingChanges(base, withProps({ d: { type: 'string' } }))).toEqual([]);
    expect(breakingChanges(base, withProps({ b: { type: 'string', enum: ['x', 'y', 'z'] } }))).toEqual([]);
    expect(breakingChanges(base, withProps({ a: { type: 'string', description: 'now described' } }))).toEqual([]);
  });

  it('refuses removing, retyping, requiring or unrequiring a property, dropping an enum value, changing a constraint', () => {
    const rest = { ...base.properties };
    delete rest['a'];
    expect(breakingChanges(base, { ...base, properties: rest })).toEqual(['$.a: removed']);
    expect(breakingChanges(base, withProps({ a: { type: 'integer' } }))).toEqual(['$.a: type string became integer']);
    expect(breakingChanges(base, withProps({}, ['a', 'b']))).toEqual(['$.b: became required']);
    expect(breakingChanges(base, withProps({}, []))).toEqual(['$.a: became optional']);
    expect(breakingChanges(base, withProps({ b: { type: 'string', enum: ['x'] } }))).toEqual(['$.b: enum value "y" removed']);
    expect(breakingChanges(base, withProps({ c: { type: 'integer', minimum: 2 } }))).toEqual(['$.c: minimum 1 became 2']);
    expect(breakingChanges(base, withProps({ d: { type: 'string' } }, ['a', 'd']))).toEqual(['$.d: added as required']);
  });
});
