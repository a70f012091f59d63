import fc from 'fast-check';
import { InvalidEventError, InvalidStreamNameError } from './errors';
import { comparePositions, sequencePosition } from './position';
import { jsonProblem, prepareAppend } from './validation';
import type { JsonObject } from './json';

const metadata = { correlationId: 'c', causationId: 'k', actor: 'a', occurredAt: '2024-01-01T00:00:00Z' };
const event = (data: JsonObject) => ({ id: '0c0e1b5e-7d59-4ad9-9d0b-9e4a6e2f4c11', type: 'T', data, metadata });

describe('positions', () => {
  it('string order is numeric order', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (a, b) => {
        expect(Math.sign(comparePositions(sequencePosition(a), sequencePosition(b)))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});

describe('JSON exactness', () => {
  it('anything jsonProblem accepts survives stringify + parse unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        if (jsonProblem(value) === undefined) expect(JSON.parse(JSON.stringify(value))).toEqual(value);
      }),
    );
  });

  it('prepareAppend keeps the exact JSON text and lower-cases ids', () => {
    const [prepared] = prepareAppend(
      'complaint-1',
      [{ ...event({ b: 1, a: '\u0000' }), id: '0C0E1B5E-7D59-4AD9-9D0B-9E4A6E2F4C11' }],
      'any',
    );
    expect(prepared.dataJson).toBe('{"b":1,"a":"\\u0000"}');
    expect(prepared.id).toBe('0c0e1b5e-7d59-4ad9-9d0b-9e4a6e2f4c11');
  });

  it('names the path of the first value JSON cannot keep', () => {
    expect(() => prepareAppend('s', [event({ list: [1, { x: Infinity }] })], 'any')).toThrow(
      new InvalidEventError(0, event({}).id, 'data.list[1].x is Infinity, which JSON cannot represent'),
    );
  });

  it('refuses stream names with NUL', () => {
    expect(() => prepareAppend('a\u0000b', [event({})], 'any')).toThrow(InvalidStreamNameError);
  });
});
