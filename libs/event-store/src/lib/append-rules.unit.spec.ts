import { resolveRetry } from './append-rules';
import { DuplicateEventIdError, WrongExpectedRevisionError } from './errors';

const at = (id: string, revision: number, streamName = 's') => ({ id, streamName, revision, position: String(revision).padStart(20, '0') });

describe('resolveRetry (EventStoreDB idempotency)', () => {
  it('an exact retry returns the original result', () => {
    expect(resolveRetry('s', ['a', 'b'], 1, 5, [at('a', 2), at('b', 3)])).toEqual({
      nextExpectedRevision: 3,
      position: at('b', 3).position,
    });
  });
  it('same ids, a revision where the stream is not: wrong revision', () => {
    expect(() => resolveRetry('s', ['a'], 4, 5, [at('a', 2)])).toThrow(WrongExpectedRevisionError);
  });
  it('same ids, a revision where the stream is: duplicate ids', () => {
    expect(() => resolveRetry('s', ['a'], 5, 5, [at('a', 2)])).toThrow(DuplicateEventIdError);
  });
  it('ids stored in another stream: duplicate ids', () => {
    expect(() => resolveRetry('s', ['a'], 'any', 5, [at('a', 0, 'other')])).toThrow(DuplicateEventIdError);
  });
});
