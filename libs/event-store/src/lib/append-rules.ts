import { DuplicateEventIdError, WrongExpectedRevisionError } from './errors';
import type { AppendResult, ExpectedRevision, GlobalPosition, StreamRevision } from './types';

/** Where an id of the batch is already stored. */
export interface StoredEventLocation {
  id: string;
  streamName: string;
  revision: StreamRevision;
  position: GlobalPosition;
}

/** Does a stream whose last revision is `current` satisfy `expected`? */
export function expectationHolds(expected: ExpectedRevision, current: StreamRevision | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}

export function wrongRevision(streamName: string, expected: ExpectedRevision, current: StreamRevision | undefined) {
  return new WrongExpectedRevisionError(streamName, expected, current ?? 'no_stream');
}

/**
 * Decides an append some of whose ids are already stored (EventStoreDB's idempotency rule):
 * if the batch is stored whole, in order, in this stream, right where `expected` says it goes
 * (anywhere, for 'any' / 'stream_exists'), it is a retry: return the original result and write
 * nothing. Anything else throws: WrongExpectedRevisionError if the expectation fails anyway,
 * else DuplicateEventIdError (EventStoreDB would write such events again as new ones; we
 * refuse, because an id names one event).
 */
export function resolveRetry(
  streamName: string,
  batchIds: readonly string[],
  expected: ExpectedRevision,
  current: StreamRevision | undefined,
  stored: readonly StoredEventLocation[],
): AppendResult {
  const byId = new Map(stored.map((location) => [location.id, location]));
  const first = byId.get(batchIds[0]);
  const isExactRetry =
    first !== undefined &&
    stored.length === batchIds.length &&
    batchIds.every((id, i) => {
      const location = byId.get(id);
      return location?.streamName === streamName && location.revision === first.revision + i;
    }) &&
    (expected === 'any' || expected === 'stream_exists' || first.revision === (expected === 'no_stream' ? 0 : expected + 1));
  if (isExactRetry) {
    const last = byId.get(batchIds[batchIds.length - 1]);
    if (last) return { nextExpectedRevision: last.revision, position: last.position };
  }
  if (!expectationHolds(expected, current)) throw wrongRevision(streamName, expected, current);
  throw new DuplicateEventIdError(
    streamName,
    stored.map((location) => location.id),
  );
}
