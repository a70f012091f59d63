import { AppendTooLargeError, EventTooLargeError, InvalidArgumentError, InvalidEventError, InvalidStreamNameError } from './errors';
import { MAX_APPEND_BYTES, MAX_EVENT_BYTES, MAX_EVENTS_PER_APPEND, MAX_NAME_LENGTH, MAX_READ_ALL_COUNT } from './limits';
import type { EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions } from './types';

/** An event checked and serialised once, ready for any store to write. */
export interface PreparedEvent {
  /** Lower-case UUID. */
  id: string;
  type: string;
  /** Exact JSON text of data / metadata; stores keep this text, never re-encode it. */
  dataJson: string;
  metadataJson: string;
  /** UTF-8 size of dataJson + metadataJson: what the size limits count. */
  bytes: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0/C1 controls (NUL included: PostgreSQL text cannot hold it) and unpaired surrogates
// (UTF-8 cannot encode them, so the name would come back changed).
const isControl = (name: string): boolean => {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
};
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
// Counting, not encoding: no buffer is allocated per event.
const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Why a name is unusable, or undefined if it is fine. Shared by stream names and event types. */
function nameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `must be a string, got ${typeof name}`;
  if (name.length === 0) return 'must not be empty';
  if (name.trim() !== name) return 'must not start or end with whitespace';
  // Code points, not UTF-16 units; only counted when the units alone could exceed the limit.
  if (name.length > MAX_NAME_LENGTH && [...name].length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters`;
  if (isControl(name)) return 'must not contain control characters (NUL included)';
  if (LONE_SURROGATE.test(name)) return 'must be well-formed Unicode (it contains an unpaired surrogate)';
  // EventStoreDB reserves "$"-names for system streams and events.
  if (name.startsWith('$')) return 'must not start with "$" (reserved for system streams)';
  return undefined;
}

export function assertValidStreamName(streamName: unknown): asserts streamName is string {
  const problem = nameProblem(streamName);
  if (problem) throw new InvalidStreamNameError(streamName, problem);
}

export function assertValidExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidArgumentError(
    'expected revision',
    `${String(expected)} is not 'any', 'no_stream', 'stream_exists' or a revision (integer >= 0)`,
  );
}

/**
 * Where `value` would not survive JSON.stringify + JSON.parse unchanged, or undefined.
 * Rejecting these keeps the promise "you read back exactly what you appended" (even -0, which
 * JSON would silently turn into 0).
 */
export function jsonProblem(value: unknown, path = '$', seen: Set<object> = new Set()): string | undefined {
  switch (typeof value) {
    case 'string':
      return LONE_SURROGATE.test(value) ? `${path} contains an unpaired surrogate (not encodable as UTF-8)` : undefined;
    case 'number':
      if (Object.is(value, -0)) return `${path} is -0, which JSON reads back as 0; store 0`;
      return Number.isFinite(value) ? undefined : `${path} is ${value}, which JSON cannot represent`;
    case 'boolean':
      return undefined;
    case 'object': {
      if (value === null) return undefined;
      if (seen.has(value)) return `${path} is a circular reference`;
      seen.add(value);
      try {
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) {
            if (!(i in value)) return `${path}[${i}] is a hole in a sparse array`;
            const problem = jsonProblem(value[i], `${path}[${i}]`, seen);
            if (problem) return problem;
          }
          return undefined;
        }
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          return `${path} is a ${value.constructor?.name ?? 'non-plain'} object; only plain objects, arrays and primitives are JSON`;
        }
        // for-in over own keys: Object.entries would allocate a pair per property on every append.
        for (const key in value) {
          if (!Object.hasOwn(value, key)) continue;
          const child: unknown = (value as Record<string, unknown>)[key];
          const problem = jsonProblem(key, `${path} key`, seen) ?? jsonProblem(child, `${path}.${key}`, seen);
          if (problem) return problem;
        }
        return undefined;
      } finally {
        seen.delete(value);
      }
    }
    default:
      return `${path} is ${typeof value}, which JSON cannot represent`;
  }
}

function prepareEvent(event: EventToAppend, index: number): PreparedEvent {
  if (typeof event !== 'object' || event === null) throw new InvalidEventError(index, undefined, 'must be an object');
  const { id, type, data, metadata } = event;
  if (typeof id !== 'string' || !UUID.test(id)) throw new InvalidEventError(index, id, 'id must be a UUID');
  const typeProblem = nameProblem(type);
  if (typeProblem) throw new InvalidEventError(index, id, `type ${typeProblem}`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InvalidEventError(index, id, 'data must be a JSON object');
  }
  const dataProblem = jsonProblem(data, 'data');
  if (dataProblem) throw new InvalidEventError(index, id, dataProblem);
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new InvalidEventError(index, id, 'metadata must be an object');
  }
  for (const field of ['correlationId', 'causationId', 'actor'] as const) {
    const fieldValue: unknown = metadata[field];
    if (typeof fieldValue !== 'string' || fieldValue.length === 0) {
      throw new InvalidEventError(index, id, `metadata.${field} must be a non-empty string`);
    }
  }
  const occurredAt: unknown = metadata.occurredAt;
  if (typeof occurredAt !== 'string' || !ISO_8601.test(occurredAt) || Number.isNaN(Date.parse(occurredAt))) {
    throw new InvalidEventError(index, id, 'metadata.occurredAt must be an ISO-8601 timestamp with a time zone');
  }
  const metadataProblem = jsonProblem(metadata, 'metadata');
  if (metadataProblem) throw new InvalidEventError(index, id, metadataProblem);
  const dataJson = JSON.stringify(data);
  const metadataJson = JSON.stringify(metadata);
  const bytes = utf8Bytes(dataJson) + utf8Bytes(metadataJson);
  if (bytes > MAX_EVENT_BYTES) throw new EventTooLargeError(id, bytes, MAX_EVENT_BYTES);
  return { id: id.toLowerCase(), type, dataJson, metadataJson, bytes };
}

/** Validates a whole append up front: a bad batch throws a typed error and nothing is written. */
export function prepareAppend(streamName: unknown, events: readonly EventToAppend[], expected: unknown): PreparedEvent[] {
  assertValidStreamName(streamName);
  assertValidExpectedRevision(expected);
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidArgumentError('events', 'an append needs at least one event');
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidArgumentError('events', `at most ${MAX_EVENTS_PER_APPEND} events per append, got ${events.length}`);
  }
  const prepared = events.map(prepareEvent);
  const ids = new Set<string>();
  let total = 0;
  prepared.forEach((event, index) => {
    if (ids.has(event.id)) throw new InvalidEventError(index, event.id, 'the same id appears twice in this append');
    ids.add(event.id);
    total += event.bytes;
  });
  if (total > MAX_APPEND_BYTES) throw new AppendTooLargeError(total, MAX_APPEND_BYTES, prepared.length);
  return prepared;
}

export interface NormalisedReadStreamOptions {
  direction: 'forwards' | 'backwards';
  /** Inclusive start revision; undefined = first (forwards) or last (backwards) event. */
  fromRevision: number | undefined;
  maxCount: number;
}

function assertCount(maxCount: unknown, upper: number): number {
  if (maxCount === undefined) return upper;
  if (typeof maxCount !== 'number' || !Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new InvalidArgumentError('maxCount', `${String(maxCount)} is not an integer >= 0`);
  }
  return Math.min(maxCount, upper);
}

export function normaliseReadStreamOptions(options: ReadStreamOptions = {}): NormalisedReadStreamOptions {
  const direction = options.direction ?? 'forwards';
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw new InvalidArgumentError('direction', `${String(direction)} is not 'forwards' or 'backwards'`);
  }
  const from = options.fromRevision;
  let fromRevision: number | undefined;
  if (from === undefined || from === 'start' || from === 'end') {
    // 'start' backwards or 'end' forwards read nothing but the boundary event.
    if (from === 'start' && direction === 'backwards') fromRevision = 0;
    else if (from === 'end' && direction === 'forwards') fromRevision = Number.MAX_SAFE_INTEGER;
  } else if (typeof from === 'number' && Number.isSafeInteger(from) && from >= 0) {
    fromRevision = from;
  } else {
    throw new InvalidArgumentError('fromRevision', `${String(from)} is not 'start', 'end' or an integer >= 0`);
  }
  return { direction, fromRevision, maxCount: assertCount(options.maxCount, Number.MAX_SAFE_INTEGER) };
}

export interface NormalisedReadAllOptions {
  /** Lower bound of positions to return; undefined = from the beginning. */
  from: { position: string; inclusive: boolean } | undefined;
  maxCount: number;
}

export function normaliseReadAllOptions(options: ReadAllOptions = {}, isPosition: (value: string) => boolean): NormalisedReadAllOptions {
  const { fromPosition, afterPosition } = options;
  if (fromPosition !== undefined && afterPosition !== undefined) {
    throw new InvalidArgumentError('readAll options', 'give fromPosition or afterPosition, not both');
  }
  const maxCount = assertCount(options.maxCount, MAX_READ_ALL_COUNT);
  for (const [name, value] of [
    ['fromPosition', fromPosition],
    ['afterPosition', afterPosition],
  ] as const) {
    if (value !== undefined && value !== 'start' && (typeof value !== 'string' || !isPosition(value))) {
      throw new InvalidArgumentError(name, `${String(value)} is not a position of this store`);
    }
  }
  if (afterPosition !== undefined && afterPosition !== 'start') {
    return { from: { position: afterPosition, inclusive: false }, maxCount };
  }
  if (fromPosition === undefined || fromPosition === 'start') return { from: undefined, maxCount };
  return { from: { position: fromPosition, inclusive: true }, maxCount };
}
