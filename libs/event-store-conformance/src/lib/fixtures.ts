import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, GlobalPosition, JsonObject, RecordedEvent } from '@complaint-ledger/event-store';

/** A stream no other test (or earlier run against a shared server) has used. */
export function uniqueStream(label: string): string {
  return `conformance-${label}-${randomUUID()}`;
}

export function makeEvent(data: JsonObject = { n: 1 }, type = 'ComplaintNoted'): EventToAppend {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: 'conformance-suite',
      occurredAt: '2024-05-01T12:00:00.000Z',
    },
  };
}

export function makeEvents(count: number, label = 'e'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => makeEvent({ label, i }));
}

/** Every event after `after`, paging through readAll; optionally only streams with a prefix. */
export async function readAllAfter(store: EventStore, after: GlobalPosition, streamPrefix?: string): Promise<RecordedEvent[]> {
  const result: RecordedEvent[] = [];
  let checkpoint = after;
  for (;;) {
    const page = await store.readAll({ afterPosition: checkpoint, maxCount: 500 });
    if (page.length === 0) return result;
    for (const event of page) {
      if (streamPrefix === undefined || event.streamName.startsWith(streamPrefix)) result.push(event);
    }
    checkpoint = page[page.length - 1].globalPosition;
  }
}

/** A position before anything this test writes: the position of a fresh marker event. */
export async function markPosition(store: EventStore): Promise<GlobalPosition> {
  const result = await store.appendToStream(uniqueStream('marker'), [makeEvent()], 'no_stream');
  return result.position;
}

export async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

export function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      else setTimeout(check, 10);
    };
    check();
  });
}
