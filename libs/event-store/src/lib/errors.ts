import type { ExpectedRevision, StreamRevision } from './types';

/** Base of every error the port defines; `code` is stable for callers that switch on it. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream is not where the caller expected it. Nothing was written; re-read and retry. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: StreamRevision | 'no_stream',
  ) {
    super(
      `Wrong expected revision for stream "${streamName}": expected ${describe(expected)}, ` +
        `but the stream ${actual === 'no_stream' ? 'does not exist' : `is at revision ${actual}`}. Nothing was written.`,
    );
  }
}

export class InvalidStreamNameError extends EventStoreError {
  readonly code = 'INVALID_STREAM_NAME';
  constructor(
    readonly streamName: unknown,
    readonly reason: string,
  ) {
    super(`Invalid stream name ${JSON.stringify(String(streamName)).slice(0, 80)}: ${reason}.`);
  }
}

/** An event in the batch is malformed (id, type, data or metadata). Nothing was written. */
export class InvalidEventError extends EventStoreError {
  readonly code = 'INVALID_EVENT';
  constructor(
    readonly index: number,
    readonly eventId: unknown,
    readonly reason: string,
  ) {
    super(`Invalid event at index ${index} (id ${String(eventId)}): ${reason}. Nothing was written.`);
  }
}

export class EventTooLargeError extends EventStoreError {
  readonly code = 'EVENT_TOO_LARGE';
  constructor(
    readonly eventId: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`Event ${eventId} is ${sizeBytes} bytes (data + metadata as UTF-8 JSON); the limit is ${limitBytes}. Nothing was written.`);
  }
}

export class AppendTooLargeError extends EventStoreError {
  readonly code = 'APPEND_TOO_LARGE';
  constructor(
    readonly sizeBytes: number,
    readonly limitBytes: number,
    readonly eventCount: number,
  ) {
    super(`Append of ${eventCount} events is ${sizeBytes} bytes; the limit is ${limitBytes}. Split it. Nothing was written.`);
  }
}

/**
 * Some ids of the batch are already stored, but not as an exact retry of this append
 * (other stream, other position, or only part of the batch). Nothing was written.
 */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly streamName: string,
    readonly eventIds: readonly string[],
  ) {
    super(
      `Event id(s) ${eventIds.join(', ')} already exist and this append to "${streamName}" is not an exact retry ` +
        `of the append that stored them. Use new ids for new events. Nothing was written.`,
    );
  }
}

export class InvalidArgumentError extends EventStoreError {
  readonly code = 'INVALID_ARGUMENT';
  constructor(
    readonly argument: string,
    reason: string,
  ) {
    super(`Invalid ${argument}: ${reason}.`);
  }
}

export class EventStoreClosedError extends EventStoreError {
  readonly code = 'EVENT_STORE_CLOSED';
  constructor() {
    super('The event store is closed.');
  }
}

function describe(expected: ExpectedRevision): string {
  return typeof expected === 'number' ? `revision ${expected}` : `"${expected}"`;
}
