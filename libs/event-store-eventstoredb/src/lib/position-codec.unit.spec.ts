import fc from 'fast-check';
import { decodeLogPosition, encodeLogPosition } from './position-codec';

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });

describe('EventStoreDB position codec', () => {
  it('round-trips and keeps (commit, prepare) order as string order', () => {
    fc.assert(
      fc.property(u64, u64, u64, u64, (c1, p1, c2, p2) => {
        const a = encodeLogPosition({ commit: c1, prepare: p1 });
        const b = encodeLogPosition({ commit: c2, prepare: p2 });
        expect(decodeLogPosition(a)).toEqual({ commit: c1, prepare: p1 });
        const tupleOrder = c1 !== c2 ? (c1 < c2 ? -1 : 1) : p1 === p2 ? 0 : p1 < p2 ? -1 : 1;
        expect(a < b ? -1 : a > b ? 1 : 0).toBe(tupleOrder);
      }),
    );
  });
});
